// `digits models`: the models on disk, which one is the default, and deleting the ones you made.
import readline from 'node:readline/promises';
import {UsageError} from '../cli-flags.js';
import {defaultModelName, deletableModel, deleteModel, modelSummaries, setDefaultModel} from '../model/store.js';
import {percent} from '../render/format.js';

export async function modelsCommand({json, use, remove, yes}: {json: boolean; use?: string; remove?: string; yes: boolean}): Promise<number> {
	if (use !== undefined && remove !== undefined) throw new UsageError('digits models takes --use or --delete, not both; see `digits models --help`.');
	if (remove !== undefined) return deleteCommand(remove, yes);
	if (use !== undefined) {
		setDefaultModel(use);
		process.stdout.write(`${use} is now the default model.\n`);
		return 0;
	}
	return listCommand(json);
}

/** `--delete NAME`: never a shipped model; asks first in a terminal, and needs --yes where it cannot ask. */
async function deleteCommand(name: string, yes: boolean): Promise<number> {
	if (name === '') throw new UsageError('--delete needs the name of a model, e.g. `digits models --delete mine`.');
	const dir = deletableModel(name);
	if (!yes) {
		if (!process.stdin.isTTY) throw new UsageError(`digits models --delete ${name} needs --yes when it cannot ask (standard input is not a terminal).`);
		if (!(await confirm(`Delete the model "${name}" (${dir})? [y/N] `))) {
			process.stdout.write(`Kept "${name}".\n`);
			return 0;
		}
	}
	const wasDefault = defaultModelName() === name;
	deleteModel(dir);
	process.stdout.write(`Deleted the model "${name}" (${dir}).\n`);
	const fallback = defaultModelName();
	if (wasDefault && fallback !== undefined) process.stdout.write(`The default model is now "${fallback}".\n`);
	return 0;
}

/** Asks on stderr and reads one line: y or yes is a yes, anything else (or the end of input) a no. */
export async function confirm(question: string): Promise<boolean> {
	const lines = readline.createInterface({input: process.stdin, output: process.stderr, terminal: false});
	process.stderr.write(question);
	try {
		for await (const line of lines) return /^y(es)?$/i.test(line.trim());
		return false;
	} finally {
		lines.close();
	}
}

function listCommand(json: boolean): number {
	const models = modelSummaries();
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
