// `digits models`: the models on disk, and which one is the default.
import {listModels, setDefaultModel} from '../model/store.js';
import {percent} from '../render/format.js';

export function modelsCommand({json, use}: {json: boolean; use?: string}): number {
	if (use !== undefined) {
		setDefaultModel(use);
		process.stdout.write(`${use} is now the default model.\n`);
		return 0;
	}
	const models = listModels().map(model => ({
		name: model.name,
		preset: model.meta?.preset ?? null,
		testAccuracy: model.meta?.test?.accuracy ?? null,
		createdAt: model.meta?.createdAt ?? null,
		isDefault: model.isDefault,
		shipped: model.shipped,
		path: model.path,
	}));
	if (json) {
		process.stdout.write(JSON.stringify(models, null, 2) + '\n');
		return 0;
	}
	if (models.length === 0) {
		process.stdout.write('No models yet; train one with `digits train`.\n');
		return 0;
	}
	const rows = [
		['', 'name', 'preset', 'test accuracy', 'created'],
		...models.map(model => [
			model.isDefault ? '*' : '',
			model.name + (model.shipped ? ' (shipped)' : ''),
			model.preset ?? '?',
			model.testAccuracy === null ? 'not scored' : percent(model.testAccuracy),
			model.createdAt?.slice(0, 16).replace('T', ' ') ?? '?',
		]),
	];
	const widths = rows[0]!.map((_, column) => Math.max(...rows.map(row => row[column]!.length)));
	for (const row of rows) process.stdout.write(row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd() + '\n');
	process.stdout.write('\n* default model; change it with `digits models --use NAME`.\n');
	return 0;
}
