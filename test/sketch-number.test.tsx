/* @jsxRuntime automatic */
// (tsx compiles test files with the classic JSX runtime unless told: they are outside tsconfig's include.)
// The sketch pad's number mode through ink-testing-library: `m` opens a wide canvas, three
// digits drawn with the keyboard a digit's width apart get three boxes, a reading under each
// and the number in block letters, all three read in one model call; undo and clear work,
// `m` goes back to the digit pad as it was. The fake model names each digit by its place in
// the batch it is sent (the first 1, the second 2, ...), so the number shows that the digits
// were found, ordered left to right and sent together; the shipped model's own reading of
// drawn numbers is tested in dist-number.test.ts (the built app in tmux).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {readImageFile} from '../source/image/load.js';
import {numberCanvasWidth} from '../source/sketch/layout.js';
import {placeService} from './fake-model-service.js';
import {openSketch} from './sketch-harness.js';
import {digitStrokes, moveKeys} from './sketch-strokes.js';
import {keys} from './tui-helpers.js';

afterEach(() => cleanup());

type Pixel = readonly [number, number];

/** The keys that draw `digits` side by side, each `spacing` pixels right of the one before, from the cursor at (13, 13). */
export function numberKeys(digits: number[], spacing: number): {keys: string[]; end: Pixel} {
	const typed: string[] = [];
	let at: Pixel = [13, 13];
	digits.forEach((digit, place) => {
		for (const stroke of digitStrokes[digit]!) {
			const points = stroke.map(([x, y]): Pixel => [x + place * spacing, y]);
			typed.push(...moveKeys(at, points[0]!), 'p');
			at = points[0]!;
			for (const point of points.slice(1)) {
				typed.push(...moveKeys(at, point));
				at = point;
			}
			typed.push('p');
		}
	});
	return {keys: typed, end: at};
}

const corners = (frame: string) => (frame.match(/┌/g) ?? []).length;

test('number mode at 80×24: three digits drawn apart get three boxes, their readings and the number, in one model call', async () => {
	const service = placeService();
	const {app, frame, press} = openSketch(service);
	await frame(text => text.includes('draw a digit'));
	await press('m');
	const empty = await frame(text => text.includes('draw a number'));
	// The canvas takes the window's width: 76 pixels in 80 columns.
	const border = empty.split('\n')[1]!;
	assert.equal(border.trim().length, 78, empty);
	assert.equal(corners(empty), 0);
	const {keys: typed, end} = numberKeys([3, 1, 7], 24);
	app.stdin.write(typed.join(''));
	const read = await frame(text => text.includes(`pen up ${end[0]},${end[1]}`) && text.includes('reads 123'), 30_000);
	assert.equal(corners(read), 3, read);
	assert.equal((read.match(/┘/g) ?? []).length, 3, read);
	// Each box's reading under it, the number in block letters (bigText's 1, 2, 3), and how sure.
	assert.match(read, /1 90%.*2 90%.*3 90%/);
	assert.match(read, /▀█ {2}▀▀█ ▀▀█/);
	assert.match(read, /3 digits, 72\.9% sure/);
	assert.equal(service.batches.at(-1), 3, `batches: ${service.batches.join(',')}`);
	assert.ok(read.split('\n').length <= 22, read);
	// Undo takes back the 7's stroke: two digits.
	await press('z');
	const undone = await frame(text => text.includes('reads 12') && !text.includes('reads 123'));
	assert.equal(corners(undone), 2, undone);
	await press('c');
	await frame(text => text.includes('draw a number') && corners(text) === 0);
	// Back to the digit pad as it was left (empty), and number mode again keeps its canvas (cleared).
	await press('m');
	await frame(text => text.includes('draw a digit') && !text.includes('draw a number'));
	await press('m', 'z');
	await frame(text => text.includes('reads 12'));
	await press(keys.escape);
	await frame(text => text.includes('home'));
});

test('the mouse paints anywhere on the wide canvas, past the digit pad\'s 28 pixels', async () => {
	const service = placeService();
	const {app, frame, press} = openSketch(service);
	await frame(text => text.includes('draw a digit'));
	await press('m');
	await frame(text => text.includes('draw a number'));
	// Canvas pixels start at column 3, row 3 (1-based), one column per pixel: a stroke down column 62 is pixel 59.
	app.stdin.write('\u001B[<0;62;4M');
	await new Promise(resolve => setTimeout(resolve, 20));
	app.stdin.write('\u001B[<32;62;14M');
	await new Promise(resolve => setTimeout(resolve, 20));
	app.stdin.write('\u001B[<0;62;14m');
	const read = await frame(text => text.includes('reads 1') && corners(text) === 1);
	assert.match(read, /pen up 59,/);
	assert.deepEqual(service.batches, [1]);
});

test('s in number mode saves the wide canvas as number-<yyyymmdd-hhmmss>.png, as wide as the canvas; o opens it back as it was', async () => {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'digits-sketch-number-'));
	try {
		const {frame, press} = openSketch(placeService(), {directory});
		await frame(text => text.includes('draw a digit'));
		await press('m');
		await frame(text => text.includes('draw a number'));
		await press('p', '8', 'l', 'p', 's');
		const canvasRows = (text: string) => text.split('\n').slice(1, 17).join('\n');
		const drawn = canvasRows(await frame(text => text.includes('saved ')));
		const [name] = fs.readdirSync(directory);
		assert.match(name!, /^number-\d{8}-\d{6}\.png$/);
		const saved = await readImageFile(path.join(directory, name!));
		assert.deepEqual([saved.width, saved.height], [numberCanvasWidth(80), 28]);
		await press('c');
		await frame(text => text.includes('draw a number'));
		await press('o', ...name!, '\r');
		const opened = await frame(text => text.includes('opened ') && corners(text) === 1);
		assert.equal(canvasRows(opened), drawn, 'the stroke is back where it was drawn, on the wide canvas');
	} finally {
		fs.rmSync(directory, {recursive: true, force: true});
	}
});
