/* @jsxRuntime automatic */
// (tsx compiles test files with the classic JSX runtime unless told: they are outside tsconfig's include.)
// The Examples screen with a fake service: a grid of random test digits with predictions,
// wrong ones with the runner-up, and a new draw on Space.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup, render} from 'ink-testing-library';
import {App} from '../source/app/app.js';
import type {AppServices} from '../source/hooks/use-services.js';
import {createTheme} from '../source/theme.js';
import {fakeModelService} from './fake-model-service.js';
import {delay, keys, waitForFrame} from './tui-helpers.js';

/** Four test digits, labels 1, 3, 1, 3; each image's label is written in its first pixel. */
const labels = Uint8Array.from([1, 3, 1, 3]);
const images = new Uint8Array(labels.length * 784);
labels.forEach((label, index) => {
	images[index * 784] = label;
	images.fill(255, index * 784 + 300, index * 784 + 320);
});

/** Reads 1s right (90%), and every 3 as a 5 (80%, runner-up 3 at 15%). */
function predictingService() {
	const calls: number[] = [];
	const model = fakeModelService({
		predict: async pixels => {
			const count = pixels.length / 784;
			calls.push(count);
			const probabilities = new Float32Array(count * 10).fill(0.05 / 8);
			for (let row = 0; row < count; row++) {
				const label = Math.round(pixels[row * 784]! * 255);
				if (label === 1) {
					probabilities.fill(0.1 / 9, row * 10, row * 10 + 10);
					probabilities[row * 10 + 1] = 0.9;
				} else {
					probabilities[row * 10 + 5] = 0.8;
					probabilities[row * 10 + 3] = 0.15;
				}
			}
			return probabilities;
		},
	});
	return {model, calls};
}

afterEach(() => cleanup());

function open(columns: number, rows: number) {
	const {model, calls} = predictingService();
	const services: AppServices = {model, store: {modelExists: () => false, checkModelName: () => {}}, testSet: async () => ({count: labels.length, images, labels})};
	const app = render(<App services={services} theme={createTheme(0)} size={{columns, rows}} defaultModel="small" initial={{screen: 'examples'}} />);
	return {app, calls, frame: (check: (frame: string) => boolean) => waitForFrame(app.lastFrame, check)};
}

test('a grid of random test digits: right ones with a check, wrong ones with the runner-up', async () => {
	const {frame} = open(120, 40);
	const shown = await frame(text => text.includes('2 right, 2 wrong'));
	assert.match(shown, /Random test digits · 4 of 4 · 2 right, 2 wrong · Space: new draw/);
	assert.equal(shown.match(/1 ✓ 90\.0%/g)?.length, 2);
	assert.equal(shown.match(/true 3 → 5 80\.0%/g)?.length, 2);
	assert.equal(shown.match(/runner-up 3 15\.0%/g)?.length, 2);
	assert.match(shown, /▀▀▀▀/, 'the digits are drawn');
	assert.ok(shown.split('\n').length <= 39);
});

test('at 80×24 the grid holds more than two digits (half size, short captions), and Space draws again', async () => {
	const {app, calls, frame} = open(80, 24);
	const shown = await frame(text => / · 4 of 4 · /.test(text));
	assert.ok(shown.split('\n').length <= 23);
	assert.deepEqual(calls, [4]);
	assert.equal(shown.match(/3 → 5 80\.0%/g)?.length, 2);
	assert.equal(shown.match(/2nd 3 15\.0%/g)?.length, 2);
	app.stdin.write(' ');
	await delay(50);
	await frame(() => calls.length === 2);
	app.stdin.write(keys.escape);
	await frame(text => text.includes('handwritten digits'));
});
