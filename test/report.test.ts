// `digits report` end to end: a small model trained here, evaluated once, four files written.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, before, describe, mock, test} from 'node:test';
import {Jimp} from 'jimp';
import {reportCommand} from '../source/commands/report.js';
import {UserError} from '../source/errors.js';
import {metricsFrom} from '../source/model/metrics.js';
import {ModelServiceProcess} from '../source/model/service.js';
import type {Evaluation} from '../source/model/types.js';
import {percent} from '../source/render/format.js';
import {fakeModelService} from './fake-model-service.js';
import {temporaryHome} from './helpers.js';

temporaryHome();

type Decoded = {width: number; height: number; colors: number; nonWhite: number; has: (rgb: [number, number, number], tolerance?: number) => boolean};

async function decode(file: string): Promise<Decoded> {
	const image = await Jimp.read(file);
	const {width, height, data} = image.bitmap;
	const seen = new Set<number>();
	let nonWhite = 0;
	for (let i = 0; i < data.length; i += 4) {
		seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
		if (data[i]! < 245 || data[i + 1]! < 245 || data[i + 2]! < 245) nonWhite++;
	}
	const has = ([r, g, b]: [number, number, number], tolerance = 2) =>
		[...seen].some(color => Math.abs((color >> 16) - r) <= tolerance && Math.abs(((color >> 8) & 255) - g) <= tolerance && Math.abs((color & 255) - b) <= tolerance);
	return {width, height, colors: seen.size, nonWhite: nonWhite / (width * height), has};
}

describe('digits report', () => {
	const service = new ModelServiceProcess();
	const out = fs.mkdtempSync(path.join(os.tmpdir(), 'digits-report-'));
	let printed = '';
	let accuracy = 0;

	before(async () => {
		for await (const event of service.train({preset: 'classic', epochs: 2, batchSize: 64, learningRate: 0.001, validationSplit: 0.2, seed: 3, limit: 600, model: 'r'})) {
			if (event.type === 'error') throw new Error(event.message);
			if (event.type === 'done') accuracy = event.testAccuracy;
		}
		const write = mock.method(process.stdout, 'write', (chunk: string) => ((printed += chunk), true));
		try {
			assert.equal(await reportCommand(service, {model: 'r', out}), 0);
		} finally {
			write.mock.restore();
		}
	});
	after(() => {
		service.close();
		fs.rmSync(out, {recursive: true, force: true});
	});

	test('writes the four files and says where', () => {
		assert.deepEqual(fs.readdirSync(out).sort(), ['confusion-matrix.png', 'examples.png', 'history.png', 'report.md']);
		assert.match(printed, new RegExp(`accuracy ${percent(accuracy).replace('.', '\\.')}`));
		assert.ok(printed.includes(out));
	});

	test('history.png: two panels with train and validation curves', async () => {
		const png = await decode(path.join(out, 'history.png'));
		assert.deepEqual([png.width, png.height], [1200, 520]);
		assert.ok(png.colors > 30, `${png.colors} colors`);
		assert.ok(png.has([31, 119, 180]), 'the train color is drawn');
		assert.ok(png.has([255, 127, 14]), 'the validation color is drawn');
	});

	test('confusion-matrix.png: shaded cells on both scales', async () => {
		const png = await decode(path.join(out, 'confusion-matrix.png'));
		assert.deepEqual([png.width, png.height], [704, 830]);
		assert.ok(png.colors > 50, `${png.colors} colors`);
		assert.ok(png.nonWhite > 0.3, `${Math.round(png.nonWhite * 100)}% of the pixels are not white`);
		// The diagonal is shaded by recall: the legend's bar runs up to the darkest blue (100%).
		assert.ok(png.has([8, 69, 148], 5), 'the blue scale reaches its darkest');
		assert.ok(png.has([153, 0, 13]), 'the darkest red (the largest error) is there');
	});

	test('examples.png: 30 random digits and 20 mistakes, framed in green and red', async () => {
		const png = await decode(path.join(out, 'examples.png'));
		// 10 columns of 112 px plus margins; 3 rows and 2 rows of 134 px under their section titles.
		assert.deepEqual([png.width, png.height], [1184, 870]);
		assert.ok(png.has([214, 39, 40], 0), 'a red frame');
		assert.ok(png.has([44, 160, 44], 0), 'a green frame');
		assert.ok(png.nonWhite > 0.15, `${Math.round(png.nonWhite * 100)}% of the pixels are not white`);
	});

	test('report.md has the headline numbers and shows the pictures', () => {
		const markdown = fs.readFileSync(path.join(out, 'report.md'), 'utf8');
		assert.ok(markdown.startsWith('# Report: r\n'));
		assert.ok(markdown.includes(`**${percent(accuracy)}**`), 'the accuracy');
		for (const file of ['history.png', 'confusion-matrix.png', 'examples.png']) assert.ok(markdown.includes(`](${file})`), file);
		assert.match(markdown, /precision {4}recall {2}f1-score {3}support/);
		assert.match(markdown, /\| true \| predicted \| images \|/);
	});
});

test('an --out that cannot be a folder is one sentence, exit code 1', async () => {
	const labels = new Uint8Array(10_000);
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'digits-report-'));
	fs.writeFileSync(path.join(folder, 'meta.json'), JSON.stringify({history: []}));
	const evaluation: Evaluation = {backend: 'cpu', model: 'fake', path: folder, ...metricsFrom(labels, labels), labels, predicted: labels, confidences: new Float32Array(10_000)};
	const service = fakeModelService({evaluate: async () => evaluation});
	const file = path.join(folder, 'taken');
	fs.writeFileSync(file, 'not a folder');
	await assert.rejects(reportCommand(service, {out: path.join(file, 'report')}), (error: Error) => {
		assert.ok(error instanceof UserError);
		assert.equal(error.exitCode, 1);
		assert.equal(error.message, `Could not write the report to ${path.join(file, 'report')}: a part of the path is a file, not a folder (ENOTDIR); choose a writable folder with --out.`);
		return true;
	});
});
