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
import type {ModelListing} from '../source/model/store.js';
import {bigDescription, description} from './model-description.js';
import {delay, keys, waitForFrame} from './tui-helpers.js';

afterEach(() => cleanup());

const listing = (name: string, rest: Partial<ModelListing> = {}): ModelListing => ({name, path: `/models/${name}`, meta: description.meta, isDefault: false, shipped: false, ...rest});

/** `best` (22 layers), `small` (3 layers, the default) and `broken` (cannot be loaded); what evaluate and predict were asked for. */
function open(columns: number, rows: number, defaultModel = 'small') {
	const asked: string[] = [];
	const model = fakeModelService({
		load: async name => {
			if (name === 'broken') throw new Error('model.json is damaged');
			return name === 'best' ? bigDescription : description;
		},
		evaluate: async name => {
			asked.push(`evaluate ${name}`);
			throw new Error('not in this test');
		},
		predict: async (images, name) => {
			asked.push(`predict ${name}`);
			return new Float32Array((images.length / 784) * 10).fill(0.1);
		},
	});
	const models = [listing('best', {shipped: true}), listing('broken'), listing('small', {isDefault: true})];
	const testSet = async () => ({count: 2, images: new Uint8Array(2 * 784).fill(200, 300, 340), labels: Uint8Array.from([1, 7])});
	const services: AppServices = {model, store: {modelExists: () => false, checkModelName: () => {}}, listModels: () => models, testSet};
	const app = render(<App services={services} theme={createTheme(0)} size={{columns, rows}} defaultModel={defaultModel} initial={{screen: 'modelInfo'}} />);
	return {app, asked, frame: (check: (frame: string) => boolean) => waitForFrame(app.lastFrame, check)};
}

/** Every line at most 80 columns, at most 23 rows (the frame stays one row short of the terminal). */
function fits80x24(frame: string) {
	const lines = frame.split('\n');
	assert.ok(lines.length <= 23, `${lines.length} rows`);
	for (const line of lines) assert.ok(line.length <= 80, `${line.length}: ${line}`);
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
	assert.match(shown, /trained 2026-01-02 03:04 UTC on native \(TensorFlow\) · graph trainer/);
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

test('80×24, 22 layers: the title whole, the table scrolls with its position shown, nothing cut', async () => {
	const {app, frame} = open(80, 24, 'best');
	const top = await frame(text => text.includes('conv2d_1'));
	fits80x24(top);
	assert.match(top, /^ best · 198,442 parameters · Tab: training history$/m);
	assert.match(top, /layer +type +output shape +parameters/);
	assert.match(top, /total +198,442/);
	assert.match(top, /layers 1–11 of 22/);
	assert.match(top, /preset best · 12 epochs · batch size 128 · learning rate 0\.001\n {3}validation split 0 · seed 42/);
	assert.match(top, /saved in \/home\/me\/digits\/models\/best/);
	assert.doesNotMatch(top, /dense_2|…/);
	assert.match(top, /↑↓ scroll/);
	app.stdin.write('\u001B[6~');
	const end = await frame(text => text.includes('dense_2'));
	fits80x24(end);
	assert.match(end, /dense_2 +Dense +\(None, 10\) +1,290/);
	assert.match(end, /layers 12–22 of 22/);
	assert.doesNotMatch(end, /conv2d_1 /);
	app.stdin.write('k');
	assert.match(await frame(text => text.includes('layers 11–21 of 22')), /dropout_2/);
	app.stdin.write('?');
	const help = await frame(text => text.includes('scroll the layer table'));
	assert.match(help, /m +choose the model for this session/);
});

test('the model picker: the models, the one in use; the picked one is the session\'s for Examples and Evaluate', async () => {
	const {app, asked, frame} = open(80, 24);
	await frame(text => text.includes('conv2d_1'));
	app.stdin.write('m');
	const picker = await frame(text => text.includes('Choose the model for this session'));
	fits80x24(picker);
	assert.match(picker, /model +preset +test accuracy +trained \(UTC\)/);
	assert.match(picker, /best \(shipped\) +classic +95\.12% +2026-01-02 03:04/);
	assert.match(picker, /› small \(in use, default\)/);
	app.stdin.write(keys.up);
	await frame(text => text.includes('› broken'));
	app.stdin.write(keys.enter);
	const failed = await frame(text => text.includes('could not be loaded'));
	assert.match(failed, /broken could not be loaded: model\.json is damaged/);
	assert.match(failed, /small 95\.12%/);
	app.stdin.write(keys.up);
	await frame(text => text.includes('› best'));
	app.stdin.write(keys.enter);
	const picked = await frame(text => text.includes('best · 198,442 parameters'));
	assert.match(picked, /best 99\.63%/);
	app.stdin.write(keys.escape);
	await frame(text => text.includes('Quit'));
	app.stdin.write('5');
	await frame(() => asked.includes('predict best'));
	app.stdin.write(keys.escape);
	await frame(text => text.includes('Quit'));
	app.stdin.write('2');
	await frame(() => asked.includes('evaluate best'));
	assert.ok(!asked.some(call => call.endsWith('small')), asked.join(', '));
});
