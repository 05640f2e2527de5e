/* @jsxRuntime automatic */
// (tsx compiles test files with the classic JSX runtime unless told: they are outside tsconfig's include.)
// The Model info screen with a fake service: the layer table, the settings, where and when
// the model was saved; the history charts on Tab at 80×24, beside the table in a big window.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup, render} from 'ink-testing-library';
import {App} from '../source/app/app.js';
import type {AppServices} from '../source/hooks/use-services.js';
import {createTheme} from '../source/theme.js';
import {fakeModelService} from './fake-model-service.js';
import {description} from './model-description.js';
import {delay, waitForFrame} from './tui-helpers.js';

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
