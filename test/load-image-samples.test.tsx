/* @jsxRuntime automatic */
// (tsx compiles test files with the classic JSX runtime unless told: they are outside tsconfig's include.)
// `t` on the Load image screen: the open picture, as loaded (not the 28×28), is saved as a
// sample of the digit typed next into the samples folder of a temporary DIGITS_HOME.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, afterEach, before, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {loadMnist} from '../source/data/mnist.js';
import {readImageFile, writeGrayPng} from '../source/image/load.js';
import {LoadImageScreen} from '../source/screens/load-image/LoadImageScreen.js';
import {digitInk} from './digit-fixtures.js';
import {fakeModelService} from './fake-model-service.js';
import {openScreen} from './sketch-harness.js';
import {keys} from './tui-helpers.js';

let root: string;
let scan: Float32Array;
const saved = {home: process.env['DIGITS_HOME'], config: process.env['XDG_CONFIG_HOME']};
const samples = (digit: number) => {
	const folder = path.join(root, 'home', 'samples', String(digit));
	return fs.existsSync(folder) ? fs.readdirSync(folder).map(name => path.join(folder, name)) : [];
};

before(async () => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'digits-load-samples-'));
	process.env['DIGITS_HOME'] = path.join(root, 'home');
	process.env['XDG_CONFIG_HOME'] = path.join(root, 'config');
	const digit = Float32Array.from((await loadMnist('test', {limit: 1})).images.subarray(0, 784), value => value / 255);
	// Dark ink on white paper at 112×112, as a scan would be.
	scan = digitInk(digit, 112).map(value => 1 - Math.min(1, value));
	await writeGrayPng(path.join(root, 'digit.png'), {width: 112, height: 112, data: scan});
	await writeGrayPng(path.join(root, 'blank.png'), {width: 40, height: 40, data: new Float32Array(1600).fill(1)});
});

after(() => {
	for (const [name, value] of [['DIGITS_HOME', saved.home], ['XDG_CONFIG_HOME', saved.config]] as const) {
		if (value === undefined) delete process.env[name];
		else process.env[name] = value;
	}
	fs.rmSync(root, {recursive: true, force: true});
});

afterEach(() => cleanup());

function openLoadImage() {
	const service = fakeModelService({predict: async () => new Float32Array(10).fill(0.1)});
	return openScreen(service, room => <LoadImageScreen {...room} directory={root} />);
}

test('t with no picture open, or one without a digit, says why and saves nothing', async () => {
	const {frame, press} = openLoadImage();
	await frame(text => text.includes('digit.png'));
	await press('t');
	await frame(text => text.includes('Open a picture of a digit first, then press t and its digit.'));
	await press('o', 'blank.png', keys.enter);
	await frame(text => text.includes('blank.png has no digit in it (no ink found)'));
	await press('t', '3');
	await frame(text => /blank\.png has no digit in it, so it cannot be a sample; open a picture of one\s+digit\./.test(text));
	assert.equal(fs.existsSync(path.join(root, 'home', 'samples')), false);
});

test('t then a digit saves the open picture as loaded, 112×112, as a sample of that digit; Esc cancels', async () => {
	const {frame, press} = openLoadImage();
	await frame(text => text.includes('digit.png'));
	await press('o', 'digit.png', keys.enter);
	await frame(text => text.includes('PNG · 112×112'));
	await press('t');
	await frame(text => text.includes('Which digit is it? 0-9 saves it as a sample of your handwriting · Esc cancels'));
	await press(keys.escape);
	await frame(text => !text.includes('Which digit is it?') && text.includes('Load image'));
	assert.deepEqual(samples(7), []);
	await press('t', '7');
	await frame(text => /Saved as a 7: 7 has 1 sample now \(1 in all\), in/.test(text));
	assert.equal(samples(7).length, 1);
	const picture = await readImageFile(samples(7)[0]!);
	assert.deepEqual([picture.width, picture.height], [112, 112]);
	const largest = picture.data.reduce((most, value, index) => Math.max(most, Math.abs(value - scan[index]!)), 0);
	assert.ok(largest <= 1 / 255 + 1e-6, `the picture is kept as it was (largest difference ${largest})`);
	// The screen goes on: Esc now goes back.
	await press(keys.escape);
	await frame(text => text.includes('home'));
});
