/* @jsxRuntime automatic */
// (tsx compiles test files with the classic JSX runtime unless told: they are outside tsconfig's include.)
// The Model info screen with a fake service: the layer table, the settings, where and when
// the model was saved; the history charts on Tab at 80×24, beside the table in a big window.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup, render} from 'ink-testing-library';
import {App} from '../source/app/app.js';
import type {AppServices} from '../source/hooks/use-services.js';
import type {ModelDescription} from '../source/model/types.js';
import {createTheme} from '../source/theme.js';
import {fakeModelService} from './fake-model-service.js';
import {delay, waitForFrame} from './tui-helpers.js';

const description: ModelDescription = {
	name: 'small',
	path: '/home/me/models/small',
	backend: 'tensorflow',
	layers: [
		{name: 'conv2d_1', type: 'Conv2D', outputShape: [null, 26, 26, 32], parameters: 320},
		{name: 'flatten_1', type: 'Flatten', outputShape: [null, 21632], parameters: 0},
		{name: 'dense_1', type: 'Dense', outputShape: [null, 10], parameters: 216330},
	],
	parameters: 216650,
	meta: {
		name: 'small',
		preset: 'classic',
		options: {preset: 'classic', epochs: 3, batchSize: 64, learningRate: 0.001, validationSplit: 0.1, seed: 5},
		seed: 5,
		trainer: 'graph',
		backend: 'tensorflow',
		versions: {},
		createdAt: '2026-01-02T03:04:05.000Z',
		history: [
			{epoch: 1, loss: 0.5, accuracy: 0.85, valLoss: 0.4, valAccuracy: 0.88, seconds: 20},
			{epoch: 2, loss: 0.2, accuracy: 0.94, valLoss: 0.25, valAccuracy: 0.93, seconds: 20},
			{epoch: 3, loss: 0.1, accuracy: 0.97, valLoss: 0.2, valAccuracy: 0.95, seconds: 20},
		],
		test: {accuracy: 0.9512},
	},
};

afterEach(() => cleanup());

function open(columns: number, rows: number) {
	const model = fakeModelService({load: async () => description});
	const services: AppServices = {model, store: {modelExists: () => false, checkModelName: () => {}}};
	const app = render(<App services={services} theme={createTheme(0)} size={{columns, rows}} defaultModel="small" initial={{screen: 'modelInfo'}} />);
	return {app, frame: (check: (frame: string) => boolean) => waitForFrame(app.lastFrame, check)};
}

test('the layer table, the settings, the test accuracy, where and when', async () => {
	const {app, frame} = open(80, 24);
	const shown = await frame(text => text.includes('conv2d_1'));
	assert.match(shown, /small · 216,650 parameters · Tab: training history/);
	assert.match(shown, /layer +type +output shape +parameters/);
	assert.match(shown, /conv2d_1 +Conv2D +\(None, 26, 26, 32\) +320/);
	assert.match(shown, /dense_1 +Dense +\(None, 10\) +216,330/);
	assert.match(shown, /total +216,650/);
	assert.match(shown, /preset classic · 3 epochs · batch size 64 · learning rate 0\.001/);
	assert.match(shown, /test accuracy 95\.12%/);
	assert.match(shown, /trained 2026-01-02 03:04 UTC on native \(TensorFlow\) \(graph trainer\)/);
	assert.match(shown, /saved in \/home\/me\/models\/small/);
	assert.ok(shown.split('\n').length <= 23);
	app.stdin.write('\t');
	await delay(30);
	const charts = await frame(text => text.includes('validation') && !text.includes('conv2d_1'));
	assert.match(charts, /loss {2}─● train {2}◆ validation/);
	assert.match(charts, /accuracy {2}─● train {2}◆ validation/);
	assert.match(charts, /0\.50[┤┼●]/);
	assert.ok(charts.split('\n').length <= 23);
});

test('a big window shows the table and the charts together', async () => {
	const {frame} = open(120, 40);
	const shown = await frame(text => text.includes('conv2d_1') && text.includes('◆ validation'));
	assert.doesNotMatch(shown, /Tab:/);
	assert.ok(shown.split('\n').length <= 39);
});
