/* @jsxRuntime automatic */
// (tsx compiles test files with the classic JSX runtime unless told: they are outside tsconfig's include.)
// The Evaluate screen through ink-testing-library: a fake service with a hand-made
// evaluation of 20 images (views, confused pairs, gallery, sorting, the cache, the PNG
// report), then the real service on a small model trained here.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, afterEach, describe, test} from 'node:test';
import {cleanup, render} from 'ink-testing-library';
import {App} from '../source/app/app.js';
import type {AppServices} from '../source/hooks/use-services.js';
import {modelNames} from '../source/model/store.js';
import {ModelServiceProcess} from '../source/model/service.js';
import {metricsFrom} from '../source/model/metrics.js';
import type {Evaluation, ModelMeta, TrainEvent} from '../source/model/types.js';
import {evaluateLayout} from '../source/screens/evaluate/evaluate-layout.js';
import {createTheme, type ColorLevel} from '../source/theme.js';
import {temporaryHome} from './helpers.js';
import {fakeModelService} from './fake-model-service.js';
import {delay, keys, waitForFrame} from './tui-helpers.js';

const home = temporaryHome();
const tab = '\t';

/** 20 test images, labels 0–9 twice; four mistakes: 3→5 twice, 4→9, 7→1. */
function handMadeEvaluation(): Evaluation {
	const labels = Uint8Array.from({length: 20}, (_, index) => index % 10);
	const predicted = labels.slice();
	const confidences = new Float32Array(20).fill(0.99);
	const mistakes: Array<[index: number, predicted: number, confidence: number]> = [
		[3, 5, 0.9],
		[13, 5, 0.6],
		[4, 9, 0.95],
		[17, 1, 0.7],
	];
	for (const [index, guess, confidence] of mistakes) {
		predicted[index] = guess;
		confidences[index] = confidence;
	}
	return {backend: 'tensorflow', model: 'small', path: '/models/small', ...metricsFrom(labels, predicted), labels, predicted, confidences};
}

function testSetOf(labels: Uint8Array) {
	const images = new Uint8Array(labels.length * 784);
	// A bright bar whose row depends on the label: something to draw.
	labels.forEach((label, index) => images.fill(255, index * 784 + (4 + label * 2) * 28 + 4, index * 784 + (4 + label * 2) * 28 + 24));
	return {count: labels.length, images, labels};
}

const meta: ModelMeta = {
	name: 'small',
	preset: 'classic',
	options: {preset: 'classic', epochs: 2, batchSize: 64, learningRate: 0.001, validationSplit: 0.1, seed: 1},
	seed: 1,
	trainer: 'graph',
	backend: 'tensorflow',
	versions: {},
	createdAt: '2026-01-02T03:04:05.000Z',
	history: [
		{epoch: 1, loss: 0.5, accuracy: 0.85, valLoss: 0.4, valAccuracy: 0.88, seconds: 10},
		{epoch: 2, loss: 0.2, accuracy: 0.94, valLoss: 0.25, valAccuracy: 0.93, seconds: 10},
	],
	test: {accuracy: 0.8},
};

function evaluatingService({evaluateMs = 30} = {}) {
	const evaluation = handMadeEvaluation();
	const calls = {evaluate: 0};
	const model = fakeModelService({
		load: async name => ({name: name ?? 'small', path: '/models/small', backend: 'tensorflow', layers: [], parameters: 0, meta}),
		evaluate: async (_name, {onProgress} = {}) => {
			calls.evaluate++;
			onProgress?.(0, 20);
			await delay(evaluateMs);
			onProgress?.(10, 20);
			await delay(evaluateMs);
			return evaluation;
		},
	});
	return {model, calls, evaluation};
}

const store: AppServices['store'] = {modelExists: () => false, checkModelName: () => {}};

function open({columns = 80, rows = 24, level = 0, ascii = false, reportsDir = path.join(home, 'reports')}: {columns?: number; rows?: number; level?: ColorLevel; ascii?: boolean; reportsDir?: string} = {}) {
	const {model, calls, evaluation} = evaluatingService();
	const services: AppServices = {model, store, testSet: async () => testSetOf(evaluation.labels), reportsDir};
	const app = render(<App services={services} theme={createTheme(level, ascii)} size={{columns, rows}} defaultModel="small" initial={{screen: 'evaluate'}} />);
	const frame = (check: (frame: string) => boolean, timeoutMs?: number) => waitForFrame(app.lastFrame, check, timeoutMs);
	const press = async (...sequence: string[]) => {
		for (const key of sequence) {
			app.stdin.write(key);
			await delay(40);
		}
	};
	return {app, calls, frame, press};
}

afterEach(() => cleanup());

test('the layout: one part per view at 80×24, the overview together in big windows', () => {
	const matrix = {width: 76, height: 12};
	const labels = (columns: number, rows: number) => evaluateLayout(columns, rows - 2, matrix).views.map(view => view.label);
	assert.deepEqual(labels(80, 24), ['matrix', 'report', 'confused pairs', 'mistakes']);
	assert.deepEqual(labels(120, 40), ['matrix + report + confused pairs', 'mistakes']);
	assert.deepEqual(labels(100, 40), ['matrix + report + confused pairs', 'mistakes']);
	assert.deepEqual(labels(80, 40), ['matrix + report', 'confused pairs', 'mistakes']);
	assert.deepEqual(labels(170, 24), ['matrix + report + confused pairs', 'mistakes']);
	const wide = evaluateLayout(170, 22, matrix);
	assert.equal(wide.matrixBesideReport, true);
});

describe('Evaluate screen (fake service)', () => {
	test('shows progress, then the accuracy first and the heat map with marks that need no color', async () => {
		const {app, frame} = open();
		const shown = await frame(text => text.includes('accuracy on 20 test images'));
		assert.ok(app.frames.some(text => /Evaluating small on the test images/.test(text) && text.includes('10/20')), 'a progress frame');
		assert.match(shown, /16 right · 4 wrong/);
		assert.match(shown, /█▀█/, 'the accuracy in big digits');
		assert.match(shown, /1 matrix +2 report +3 confused pairs +4 mistakes/);
		assert.match(shown, /predicted →/);
		assert.match(shown, /^ +3 +· +· +· +\[0\] +· +\*2\* /m, 'row 3: both taken for 5 (starred), the diagonal in brackets');
		assert.match(shown, /^ +5 +(· +){5}\[2\]/m);
		assert.ok(shown.split('\n').length <= 23, 'the frame stays below the terminal height');
	});

	test('Tab cycles the views: the report in the scikit-learn layout, the confused pairs, the gallery', async () => {
		const {frame, press} = open();
		await frame(text => text.includes('accuracy on 20 test images'));
		await press(tab);
		const report = await frame(text => text.includes('f1-score'));
		assert.match(report, /^ +precision +recall +f1-score +support$/m);
		assert.match(report, /^ +3 +0\.0000 +0\.0000 +0\.0000 +2$/m);
		assert.match(report, /^ +5 +0\.5000 +1\.0000 +0\.6667 +2$/m);
		assert.match(report, /^ +accuracy +0\.8000 +20$/m);
		assert.match(report, /^ +macro avg +\d\.\d{4} +\d\.\d{4} +\d\.\d{4} +20$/m);
		assert.match(report, /^ weighted avg /m);
		await press(tab);
		const pairs = await frame(text => text.includes('Most confused pairs'));
		assert.match(pairs, /› 1\. +3 → 5 +2/);
		assert.match(pairs, /2\. +4 → 9 +1/);
		await press(tab);
		const gallery = await frame(text => text.includes('Mistakes'));
		assert.match(gallery, /Mistakes 1–2 of 4, most confident first/);
		assert.match(gallery, /true 4 → 9 95\.0% +#4 +true 3 → 5 90\.0% +#3/);
	});

	test('a confused pair opens its images; pages, sorting and "all" work', async () => {
		const {frame, press} = open();
		await frame(text => text.includes('accuracy on 20 test images'));
		await press('3', 'j', 'k', keys.enter);
		const pair = await frame(text => text.includes('true 3 → 5: 1–2 of 2'));
		assert.match(pair, /true 3 → 5 90\.0% +#3 +true 3 → 5 60\.0% +#13/);
		await press('a');
		await frame(text => text.includes('Mistakes 1–2 of 4, most confident first'));
		await press('l');
		const second = await frame(text => text.includes('Mistakes 3–4 of 4'));
		assert.match(second, /true 7 → 1 70\.0% +#17 +true 3 → 5 60\.0% +#13/);
		await press('s');
		const byIndex = await frame(text => text.includes('in test-set order'));
		assert.match(byIndex, /Mistakes 1–2 of 4/);
		assert.match(byIndex, /#3 .*#4/);
	});

	test('the evaluation is cached: leaving and coming back does not evaluate again', async () => {
		const {calls, frame, press} = open();
		await frame(text => text.includes('accuracy on 20 test images'));
		await press(keys.escape);
		await frame(text => text.includes('handwritten digits'));
		await press('2');
		await frame(text => text.includes('accuracy on 20 test images'));
		assert.equal(calls.evaluate, 1);
	});

	test('w writes the PNG report into reports/<model>/ and says where', async () => {
		const reportsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'digits-reports-'));
		const {frame, press} = open({reportsDir});
		await frame(text => text.includes('accuracy on 20 test images'));
		await press('w');
		const written = await frame(text => text.includes('report written to'), 30_000);
		assert.ok(written.includes(path.join(reportsDir, 'small')));
		assert.deepEqual(fs.readdirSync(path.join(reportsDir, 'small')).sort(), ['confusion-matrix.png', 'examples.png', 'history.png', 'report.md']);
		fs.rmSync(reportsDir, {recursive: true, force: true});
	});

	test('the matrix view says what its marks mean in a legend line', async () => {
		const {frame} = open();
		const shown = await frame(text => text.includes('accuracy on 20 test images'));
		assert.match(shown, /^ *\[n\] right {2}\*n\* most confused {2}· none$/m);
		assert.ok(shown.split('\n').length <= 23);
	});

	test('the help offers the view numbers the window has: 1–4 at 80×24, 1/2 in a big window', async () => {
		const small = open();
		await small.frame(text => text.includes('accuracy on 20 test images'));
		await small.press('?');
		await small.frame(text => /^ *1–4 +open a view by its number$/m.test(text));
		cleanup();
		const big = open({columns: 120, rows: 40});
		await big.frame(text => text.includes('macro avg'));
		await big.press('?');
		const help = await big.frame(text => text.includes('open a view by its number'));
		assert.match(help, /^ *1\/2 +open a view by its number$/m);
	});

	test('a notice with a long path wraps onto two lines instead of being cut, under --ascii too', async () => {
		const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'digits-reports-'));
		// A file where the reports folder should be: the report cannot be written.
		const blocked = path.join(parent, 'a-folder-name-long-enough-to-need-a-second-line');
		fs.writeFileSync(blocked, '');
		const {frame, press} = open({ascii: true, reportsDir: path.join(blocked, 'reports')});
		await frame(text => text.includes('accuracy on 20 test images'));
		await press('w');
		const shown = await frame(text => text.includes('could not write'), 30_000);
		assert.ok(!shown.includes('…'), shown);
		const lines = shown.split('\n');
		// A path has no spaces to wrap at: it goes on at the start of the next line (after the padding).
		const notice = lines.slice(lines.findIndex(line => line.includes('could not write'))).map(line => line.slice(1)).join('');
		assert.ok(notice.includes('a-folder-name-long-enough-to-need-a-second-line'), notice);
		assert.ok(lines.length <= 23);
		fs.rmSync(parent, {recursive: true, force: true});
	});

	test('a big window shows the matrix, the report and the pairs together', async () => {
		const {frame} = open({columns: 120, rows: 40, level: 3});
		const shown = await frame(text => text.includes('macro avg'));
		assert.match(shown, /predicted →/);
		assert.match(shown, /Most confused pairs/);
		assert.match(shown, /1 matrix \+ report \+ confused pairs +2 mistakes/);
		assert.ok(shown.split('\n').length <= 39);
	});
});

describe('Evaluate screen (real service)', () => {
	const service = new ModelServiceProcess();
	after(() => service.close());

	test('evaluates a small model trained here on the 10,000 test images', async () => {
		const events: TrainEvent[] = [];
		for await (const event of service.train({preset: 'classic', epochs: 1, batchSize: 128, learningRate: 0.001, validationSplit: 0, seed: 3, limit: 1000, model: 'eval-small'})) events.push(event);
		assert.equal(events.at(-1)?.type, 'done');
		const app = render(
			<App services={{model: service, store: modelNames, reportsDir: path.join(home, 'reports')}} theme={createTheme(0)} size={{columns: 80, rows: 24}} defaultModel="eval-small" initial={{screen: 'evaluate'}} />,
		);
		const shown = await waitForFrame(app.lastFrame, text => text.includes('accuracy on 10,000 test images'), 120_000);
		assert.ok(app.frames.some(text => text.includes('Evaluating eval-small on the test images')));
		assert.match(shown, /model eval-small/);
		assert.match(shown, /^ +0 +\[\d+\]/m);
		app.stdin.write('4');
		await waitForFrame(app.lastFrame, text => /Mistakes 1–2 of [\d,]+, most confident first/.test(text) && /true \d → \d \d+\.\d%/.test(text), 30_000);
	});
});
