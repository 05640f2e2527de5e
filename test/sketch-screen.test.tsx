/* @jsxRuntime automatic */
// (tsx compiles test files with the classic JSX runtime unless told: they are outside tsconfig's include.)
// The sketch pad through ink-testing-library with a fake model: keys draw, mouse reports
// written to stdin paint (and never act as keys), predictions reach the bars, leaving the
// screen switches mouse reporting off, s / o save and open PNGs, Tab completes the path.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {writeGrayPng} from '../source/image/load.js';
import {mouseOff, mouseOn} from '../source/input/mouse.js';
import {openSketch, predictingService} from './sketch-harness.js';
import {delay, keys} from './tui-helpers.js';

afterEach(() => cleanup());

const canvasRows = (frame: string) => frame.split('\n').slice(2, 16).map(line => line.slice(2, 30));
const ink = (frame: string) => canvasRows(frame).join('').replaceAll(/[^▀▄█]/g, '').length;

test('keyboard drawing changes the canvas, and the model reads it', async () => {
	const service = predictingService(0.9);
	const {app, frame, press} = openSketch(service);
	const empty = await frame(text => text.includes('draw a digit'));
	assert.equal(ink(empty), 0);
	assert.ok(app.frames.includes(mouseOn), 'mouse reporting is switched on');
	await press('p', '6', 'j', 'p');
	const drawn = await frame(text => text.includes('reads 7') && text.includes('pen up'));
	assert.ok(ink(drawn) >= 6, drawn);
	assert.match(drawn, /› 7 █+/);
	assert.match(drawn, /90\.0% sure/);
	assert.ok(service.predicted.length >= 1 && service.predicted.at(-1)!.length === 784);
	await press('z');
	await frame(text => ink(text) === 0 && text.includes('draw a digit'));
	await press('\u0012');
	await frame(text => ink(text) >= 6);
});

test('an unsure model says so', async () => {
	const {frame, press} = openSketch(predictingService(0.4));
	await frame(text => text.includes('draw a digit'));
	await press('p', '6', 'j', 'p');
	await frame(text => text.includes('not sure') && /7 or \d\?/.test(text));
});

test('a stray dab is too little ink: the pad says "draw a digit" and does not ask the model', async () => {
	const service = predictingService(0.9);
	const {frame, press} = openSketch(service);
	await frame(text => text.includes('draw a digit'));
	await press(' ', ' ');
	// Enter asks for a prediction at once: still none.
	await press(keys.enter);
	await delay(200);
	const dabbed = await frame(text => ink(text) > 0);
	assert.match(dabbed, /draw a digit/);
	assert.doesNotMatch(dabbed, /reads \d|sure/);
	assert.equal(service.predicted.length, 0);
	// A stroke is read; taking it back to a dab goes back to "draw a digit".
	await press('p', '4', 'j', 'p');
	await frame(text => text.includes('reads 7'));
	const asked = service.predicted.length;
	assert.ok(asked >= 1);
	await press('z');
	await frame(text => text.includes('draw a digit'));
	await delay(200);
	assert.equal(service.predicted.length, asked);
});

test('mouse reports written to stdin paint along the drag and are never taken as keys', async () => {
	const {app, frame} = openSketch(predictingService());
	await frame(text => text.includes('draw a digit'));
	// Canvas pixels start at column 3, row 3 (1-based): press, a fast drag, release; one report cut in two.
	app.stdin.write('\u001B[<0;5;6M');
	await delay(20);
	app.stdin.write('\u001B[<32;25;6M');
	await delay(20);
	app.stdin.write('\u001B[<0;2');
	app.stdin.write('5;6m');
	const drawn = await frame(text => text.includes('reads 7'));
	const row = canvasRows(drawn)[3]!;
	assert.match(row, /^ {2}[▀▄█o]{21}/, `one unbroken line from column 2 to 22:\n${drawn}`);
	// Nothing in the reports was read as keys: no brush change ("["), no count, no undo.
	assert.match(drawn, /brush ●●●···/);
	assert.doesNotMatch(drawn, /\d…/);
	// The right button erases, the wheel changes the brush.
	app.stdin.write('\u001B[<2;14;6M');
	await delay(20);
	app.stdin.write('\u001B[<2;14;6m');
	await delay(20);
	app.stdin.write('\u001B[<64;14;6M');
	await frame(text => /brush ●●●●··/.test(text) && /pen up 11,7/.test(text));
	// With the cursor moved away, the gap shows.
	app.stdin.write('K');
	const erased = await frame(text => /pen up 11,3/.test(text));
	assert.match(canvasRows(erased)[3]!, /^ {2}[▀▄█]+ +[▀▄█]+/);
});

test('leaving the screen writes the mouse-off sequence', async () => {
	const {app, frame, press} = openSketch(predictingService());
	await frame(text => text.includes('draw a digit'));
	assert.ok(!app.frames.includes(mouseOff));
	await press(keys.escape);
	await frame(text => text.includes('home'));
	assert.ok(app.frames.includes(mouseOff));
	assert.ok(app.frames.indexOf(mouseOff) > app.frames.indexOf(mouseOn));
});

test('s saves digit-<yyyymmdd-hhmmss>.png here and says where; o opens a PNG from a path field', async () => {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'digits-sketch-'));
	try {
		const {frame, press} = openSketch(predictingService(), {directory});
		await frame(text => text.includes('draw a digit'));
		await press('p', '8', 'l', 'p', 's');
		const saved = await frame(text => text.includes('saved '));
		const [name] = fs.readdirSync(directory);
		assert.match(name!, /^digit-\d{8}-\d{6}\.png$/);
		assert.ok(saved.includes(path.join(directory, name!)) || saved.includes(name!.slice(0, 10)), saved);
		await press('c');
		await frame(text => ink(text) === 0);
		// q and ? go into the field while it has focus; Esc leaves it, Enter opens.
		await press('o', 'q', '?', keys.escape);
		await frame(text => !text.includes('open image:') && text.includes('Sketch'));
		await press('o', ...name!);
		await frame(text => text.includes(`open image: ${name}`));
		await press(keys.enter);
		const opened = await frame(text => text.includes('opened ') && ink(text) > 0);
		assert.ok(ink(opened) >= 8);
		await press('o', 'missing.png', keys.enter);
		await frame(text => text.includes('missing.png does not exist'));
	} finally {
		fs.rmSync(directory, {recursive: true, force: true});
	}
});

test('in the o field Tab completes file and folder names, as on the Load image screen', async () => {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'digits-sketch-'));
	try {
		const stroke = new Float32Array(28 * 28);
		for (let y = 6; y < 22; y++) stroke[y * 28 + 14] = 1;
		await writeGrayPng(path.join(directory, 'seven.png'), {width: 28, height: 28, data: stroke});
		fs.mkdirSync(path.join(directory, 'scans'));
		const {frame, press} = openSketch(predictingService(), {directory});
		await frame(text => text.includes('draw a digit'));
		await press('o', 's', '\t');
		await frame(text => text.includes('open image: s') && text.includes('2 matches: scans/  seven.png'));
		await press('e', '\t');
		await frame(text => text.includes('open image: seven.png') && text.includes('mouse: drag to paint'));
		await press(keys.enter);
		await frame(text => text.includes('opened ') && ink(text) > 0 && text.includes('reads 7'));
		await press('o', 'x', '\t');
		await frame(text => text.includes('no file or folder there starts with "x"') && !text.includes('mouse: drag to paint'));
		await press(keys.escape);
		await frame(text => !text.includes('open image:') && !text.includes('no file or folder') && text.includes('mouse: drag to paint'));
	} finally {
		fs.rmSync(directory, {recursive: true, force: true});
	}
});

test('? shows the sketch keys', async () => {
	const {frame, press} = openSketch(predictingService());
	await frame(text => text.includes('draw a digit'));
	await press('?');
	// The help overlay belongs to the app shell; here the gate only opens it, so keys stop drawing.
	await press(' ');
	await delay(100);
	await press(keys.escape);
	const after = await frame(text => text.includes('Sketch'));
	assert.equal(ink(after), 0);
});
