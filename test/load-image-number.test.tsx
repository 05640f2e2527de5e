/* @jsxRuntime automatic */
// (tsx compiles test files with the classic JSX runtime unless told: they are outside tsconfig's include.)
// The Load image screen reading numbers, through ink-testing-library: a generated PNG of three
// digits drawn apart (dark ink on white paper, as a scan) opens in the number view, with three
// boxes over the picture and the number; `m` switches to the one-digit reading and back; a
// picture of one digit opens in the one-digit view. The fake model names each digit by its
// place in the batch it is sent (the first 1, the second 2, ...): the number shows that the
// digits were found, ordered left to right and read in one call.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, afterEach, before, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {writeGrayPng} from '../source/image/load.js';
import {LoadImageScreen} from '../source/screens/load-image/LoadImageScreen.js';
import {blankCanvas, lineInto, pixelCenter} from '../source/sketch/canvas.js';
import {placeService} from './fake-model-service.js';
import {openScreen} from './sketch-harness.js';
import {digitStrokes} from './sketch-strokes.js';
import {keys} from './tui-helpers.js';

let root: string;
const saved = {home: process.env['HOME'], config: process.env['XDG_CONFIG_HOME']};

/** `digits` drawn with the sketch strokes 24 pixels apart, scaled `scale` times, as dark ink on white paper. */
function numberPicture(digits: number[], scale: number): {width: number; height: number; data: Float32Array} {
	const width = 28 + 24 * (digits.length - 1);
	const canvas = blankCanvas(width);
	digits.forEach((digit, place) => {
		for (const stroke of digitStrokes[digit]!) {
			for (let i = 1; i < stroke.length; i++) lineInto(canvas, pixelCenter(stroke[i - 1]![0] + 24 * place, stroke[i - 1]![1]), pixelCenter(stroke[i]![0] + 24 * place, stroke[i]![1]), 1.1, 'paint');
		}
	});
	const data = new Float32Array(width * scale * 28 * scale);
	for (let y = 0; y < 28 * scale; y++) {
		for (let x = 0; x < width * scale; x++) data[y * width * scale + x] = 1 - canvas[Math.floor(y / scale) * width + Math.floor(x / scale)]!;
	}
	return {width: width * scale, height: 28 * scale, data};
}

before(async () => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'digits-number-'));
	process.env['HOME'] = root;
	process.env['XDG_CONFIG_HOME'] = path.join(root, '.config');
	await writeGrayPng(path.join(root, 'number.png'), numberPicture([3, 1, 7], 3));
	await writeGrayPng(path.join(root, 'one.png'), numberPicture([4], 3));
});

after(() => {
	for (const [name, value] of [['HOME', saved.home], ['XDG_CONFIG_HOME', saved.config]] as const) {
		if (value === undefined) delete process.env[name];
		else process.env[name] = value;
	}
	fs.rmSync(root, {recursive: true, force: true});
});

afterEach(() => cleanup());

const openLoadImage = (service = placeService()) => ({...openScreen(service, room => <LoadImageScreen {...room} directory={root} />), service});
/** The picture's rows: the left column under the path line. */
// The picture's rows (it spans the window in the number view; the digit view has no boxes).
const picture = (frame: string) => frame.split('\n').slice(1, 9).join('\n');
const count = (text: string, mark: string) => text.split(mark).length - 1;

test('a picture of three digits opens as a number: three boxes over it, the number, each digit; m: one digit and back', async () => {
	const {frame, press, service} = openLoadImage();
	await frame(text => text.includes('number.png'));
	await press('j', keys.enter);
	const read = await frame(text => text.includes('reads 123'));
	assert.equal(count(picture(read), '┌'), 3, read);
	assert.equal(count(picture(read), '┘'), 3, read);
	// A number's picture is wide: it spans the window, past the list's column (34).
	assert.ok(Math.max(...picture(read).split('\n').map(line => line.lastIndexOf('┐'))) > 34, read);
	assert.match(read, /3 digits, 72\.9% sure/);
	assert.match(read, /1 90\.0% {3}2 90\.0% {3}3 90\.0%/);
	// The whole picture as one digit (one image), then its three digits in one call.
	assert.deepEqual(service.batches, [1, 3]);
	assert.ok(read.split('\n').length <= 22, read);
	await press('m');
	const single = await frame(text => text.includes('model sees') && text.includes('reads 1'));
	assert.equal(count(picture(single), '┌'), 0, single);
	await press('m');
	await frame(text => text.includes('reads 123') && count(picture(text), '┌') === 3);
	// The number view stays chosen: a picture of one digit shows its one box.
	await press('j', keys.enter);
	const one = await frame(text => text.includes('one.png') && text.includes('1 digit,'));
	assert.equal(count(picture(one), '┌'), 1, one);
});

test('a picture of one digit opens as one digit, and costs one model call', async () => {
	const {frame, press, service} = openLoadImage();
	await frame(text => text.includes('one.png'));
	await press('j', 'j', keys.enter);
	const read = await frame(text => text.includes('model sees') && text.includes('reads 1'));
	assert.equal(count(picture(read), '┌'), 0, read);
	await press('m');
	const number = await frame(text => text.includes('1 digit, 90.0% sure'));
	assert.equal(count(picture(number), '┌'), 1, number);
	assert.deepEqual(service.batches, [1]);
});
