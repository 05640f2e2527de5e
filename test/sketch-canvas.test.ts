// The sketch canvas as a pure model: dabs, erasing, brush sizes, the soft edge, lines between
// two points, undo/redo through the reducer, and a PNG save/load round trip.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {readImageFile, writeGrayPng} from '../source/image/load.js';
import {preprocessForModel} from '../source/image/preprocess.js';
import {blankCanvas, brushRadii, canvasFromPicture, coverage, dabInto, enoughInk, lineInto, pixelCenter} from '../source/sketch/canvas.js';
import {cellToCanvas, sketchLayout} from '../source/sketch/layout.js';
import {initialSketch, sketchReducer, type SketchAction, type SketchState} from '../source/sketch/sketch-state.js';
import {renderCanvas} from '../source/render/sketch-canvas.js';
import {digitLinesToText} from '../source/render/digit.js';
import {imageSide} from '../source/digit-size.js';

const at = (pixels: Float32Array, x: number, y: number) => pixels[y * imageSide + x]!;
const inked = (pixels: Float32Array) => pixels.filter(value => value > 0).length;
const run = (actions: SketchAction[], state: SketchState = initialSketch()) => actions.reduce(sketchReducer, state);

test('a dab is full ink in the middle and a soft, anti-aliased edge', () => {
	const pixels = blankCanvas();
	dabInto(pixels, pixelCenter(10, 10), 1.1, 'paint');
	assert.equal(at(pixels, 10, 10), 1);
	assert.ok(Math.abs(at(pixels, 11, 10) - 0.6) < 1e-6);
	// The diagonal neighbour is partly covered: gray, not black or white.
	assert.ok(at(pixels, 11, 11) > 0.1 && at(pixels, 11, 11) < 0.9, String(at(pixels, 11, 11)));
	assert.equal(at(pixels, 13, 10), 0);
	assert.equal(coverage(0, 1), 1);
	assert.equal(coverage(1.5, 1), 0);
	assert.equal(coverage(1, 1), 0.5);
});

test('brush sizes grow the dab; erasing takes ink away with the same soft edge', () => {
	const areas = brushRadii.map(radius => {
		const pixels = blankCanvas();
		dabInto(pixels, pixelCenter(14, 14), radius, 'paint');
		return pixels.reduce((sum, value) => sum + value, 0);
	});
	for (let i = 1; i < areas.length; i++) assert.ok(areas[i]! > areas[i - 1]!, `size ${i} is bigger than ${i - 1}: ${areas.join(', ')}`);
	const pixels = blankCanvas().fill(1);
	dabInto(pixels, pixelCenter(5, 5), 1.1, 'erase');
	assert.equal(at(pixels, 5, 5), 0);
	assert.ok(at(pixels, 6, 6) > 0 && at(pixels, 6, 6) < 1);
	assert.equal(at(pixels, 9, 5), 1);
	// Painting twice does not darken beyond full ink.
	dabInto(pixels, pixelCenter(5, 5), 1.1, 'paint');
	dabInto(pixels, pixelCenter(5, 5), 1.1, 'paint');
	assert.ok(pixels.every(value => value >= 0 && value <= 1));
});

test('too little ink is no digit: fewer than 8 inked pixels, or ink under 4 pixels both across and down', () => {
	const canvas = (draw: (pixels: Float32Array) => void) => {
		const pixels = blankCanvas();
		draw(pixels);
		return pixels;
	};
	const fill = (left: number, top: number, width: number, height: number, level = 1) =>
		canvas(pixels => {
			for (let y = top; y < top + height; y++) for (let x = left; x < left + width; x++) pixels[y * imageSide + x] = level;
		});
	assert.equal(enoughInk(blankCanvas()), false);
	// One dab of the default brush: a 3×3 blot.
	assert.equal(enoughInk(canvas(pixels => dabInto(pixels, pixelCenter(13, 13), brushRadii[2], 'paint'))), false);
	assert.equal(enoughInk(fill(10, 10, 3, 3)), false, '9 pixels, but 3×3');
	assert.equal(enoughInk(fill(10, 10, 7, 1)), false, '7 pixels');
	assert.equal(enoughInk(fill(10, 10, 4, 4, 0.4)), false, 'faint ink does not count');
	assert.equal(enoughInk(fill(10, 10, 2, 4)), true, '8 pixels, 4 tall');
	assert.equal(enoughInk(fill(10, 10, 8, 1)), true, 'a thin line 8 long');
	assert.equal(enoughInk(fill(14, 4, 1, 16)), true, 'a 1');
	// Two dabs side by side are a stroke.
	assert.equal(enoughInk(canvas(pixels => lineInto(pixels, pixelCenter(13, 13), pixelCenter(14, 13), brushRadii[2], 'paint'))), true);
});

test('a line between two far cells leaves no gaps', () => {
	const pixels = blankCanvas();
	lineInto(pixels, pixelCenter(2, 3), pixelCenter(25, 20), 0.5, 'paint');
	for (let x = 2; x <= 25; x++) {
		const column = Array.from({length: imageSide}, (_, y) => at(pixels, x, y));
		assert.ok(Math.max(...column) >= 0.5, `column ${x} has ink`);
	}
	assert.equal(at(pixels, 2, 3), 1);
	assert.equal(at(pixels, 25, 20), 1);
});

test('keyboard: moving with the pen down paints, counts repeat a move, the cursor stays on the canvas', () => {
	let state = run([{type: 'pen', mode: 'paint'}, {type: 'count', digit: '5'}, {type: 'move', dx: 1, dy: 0}]);
	assert.deepEqual(state.cursor, {x: 18, y: 13});
	for (let x = 13; x <= 18; x++) assert.equal(at(state.drawing.pixels, x, 13), 1);
	state = run([{type: 'pen', mode: 'paint'}, {type: 'move', dx: 0, dy: 1}], state);
	assert.equal(state.pen, 'up');
	assert.equal(at(state.drawing.pixels, 18, 16), 0, 'the pen was up');
	state = run([{type: 'count', digit: '9'}, {type: 'count', digit: '9'}, {type: 'move', dx: 1, dy: 0}], state);
	assert.deepEqual(state.cursor, {x: 27, y: 14});
	state = run([{type: 'dab', mode: 'paint'}], state);
	assert.equal(at(state.drawing.pixels, 27, 14), 1);
});

test('undo and redo go stroke by stroke; a new stroke clears redo', () => {
	const first = run([{type: 'dab', mode: 'paint'}]);
	const second = run([{type: 'move', dx: 5, dy: 0}, {type: 'pen', mode: 'paint'}, {type: 'move', dx: 0, dy: 5}, {type: 'pen', mode: 'paint'}], first);
	const undone = run([{type: 'undo'}], second);
	assert.deepEqual(undone.drawing.pixels, first.drawing.pixels);
	const twice = run([{type: 'undo'}, {type: 'undo'}], second);
	assert.equal(inked(twice.drawing.pixels), 0);
	const redone = run([{type: 'redo'}, {type: 'redo'}], twice);
	assert.deepEqual(redone.drawing.pixels, second.drawing.pixels);
	const branched = run([{type: 'dab', mode: 'erase'}, {type: 'redo'}], undone);
	assert.equal(branched.drawing.redo.length, 0);
	const cleared = run([{type: 'clear'}], second);
	assert.equal(inked(cleared.drawing.pixels), 0);
	assert.deepEqual(run([{type: 'undo'}], cleared).drawing.pixels, second.drawing.pixels);
	assert.ok(cleared.strokes > second.strokes);
});

test('mouse: press and drag paint along the path, the right button erases, the wheel sizes the brush', () => {
	const mods = {shift: false, meta: false, ctrl: false};
	let state = run([
		{type: 'mouse', event: {type: 'press', button: 'left', x: 0, y: 0, ...mods}, at: {x: 3.5, y: 4}},
		{type: 'mouse', event: {type: 'drag', button: 'left', x: 0, y: 0, ...mods}, at: {x: 24.5, y: 4}},
		{type: 'mouse', event: {type: 'release', button: 'left', x: 0, y: 0, ...mods}, at: {x: 24.5, y: 4}},
	]);
	for (let x = 3; x <= 24; x++) assert.ok(at(state.drawing.pixels, x, 3) > 0.4, `x ${x}`);
	assert.equal(state.strokes, 1);
	state = run(
		[
			{type: 'mouse', event: {type: 'press', button: 'right', x: 0, y: 0, ...mods}, at: {x: 10.5, y: 4}},
			{type: 'mouse', event: {type: 'release', button: 'right', x: 0, y: 0, ...mods}, at: {x: 10.5, y: 4}},
		],
		state,
	);
	assert.equal(at(state.drawing.pixels, 10, 3), 0);
	assert.equal(run([{type: 'mouse', event: {type: 'wheel', direction: 'up', x: 0, y: 0, ...mods}, at: null}], state).brush, state.brush + 1);
	// A press outside the canvas does nothing.
	assert.equal(run([{type: 'mouse', event: {type: 'press', button: 'left', x: 0, y: 0, ...mods}, at: null}], state), state);
});

test('mouse cells map to canvas points at both sizes', () => {
	const small = sketchLayout(80, 22);
	assert.equal(small.scale, 1);
	assert.deepEqual(cellToCanvas(small, small.canvasLeft, small.canvasTop), {x: 0.5, y: 1});
	assert.deepEqual(cellToCanvas(small, small.canvasLeft + 27, small.canvasTop + 13), {x: 27.5, y: 27});
	const large = sketchLayout(160, 48);
	assert.equal(large.scale, 2);
	assert.deepEqual(cellToCanvas(large, large.canvasLeft + 55, large.canvasTop + 27), {x: 27.5, y: 27.5});
});

test('the canvas renders at 28×14 and 56×28 with a cursor, also without color', () => {
	const pixels = blankCanvas();
	dabInto(pixels, pixelCenter(2, 2), 0.5, 'paint');
	const small = digitLinesToText(renderCanvas(pixels, {colorLevel: 'none', scale: 1, cursor: {x: 10, y: 10}, cursorLetter: 'o'}));
	assert.equal(small.length, 14);
	assert.ok(small.every(line => line.length === 28));
	assert.equal(small[1]![2], '▀');
	assert.equal(small[5]![10], 'o');
	const large = digitLinesToText(renderCanvas(pixels, {colorLevel: 'none', scale: 2, ascii: true}));
	assert.equal(large.length, 28);
	assert.equal(large[2]!.slice(4, 6), '@@');
	const colored = renderCanvas(pixels, {colorLevel: 'truecolor', scale: 1, cursor: {x: 10, y: 11}, cursorColor: '#ff0000'});
	assert.ok(colored[5]!.some(segment => segment.bg === '#ff0000'));
});

test('save and open: a sketch comes back exactly (to 8 bits); another picture is preprocessed', async () => {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'digits-sketch-'));
	try {
		const state = run([{type: 'pen', mode: 'paint'}, {type: 'count', digit: '8'}, {type: 'move', dx: 0, dy: 1}, {type: 'pen', mode: 'paint'}]);
		const file = path.join(directory, 'digit.png');
		await writeGrayPng(file, {width: imageSide, height: imageSide, data: state.drawing.pixels});
		const loaded = canvasFromPicture(await readImageFile(file), preprocessForModel)!;
		for (let i = 0; i < loaded.length; i++) assert.ok(Math.abs(loaded[i]! - state.drawing.pixels[i]!) <= 0.5 / 255 + 1e-6, `pixel ${i}`);
		// Number mode's wider canvas comes back as wide as it was saved.
		const wide = blankCanvas(76);
		lineInto(wide, pixelCenter(60, 4), pixelCenter(60, 24), 1.1, 'paint');
		await writeGrayPng(file, {width: 76, height: imageSide, data: wide});
		const reopened = canvasFromPicture(await readImageFile(file), preprocessForModel, 76)!;
		assert.equal(reopened.length, wide.length);
		// On the 28-pixel digit pad the number's picture is read as one digit: cropped and centered.
		const narrowed = canvasFromPicture(await readImageFile(file), preprocessForModel)!;
		assert.equal(narrowed.length, imageSide * imageSide);
		assert.ok(at(narrowed, 14, 14) > 0.5);
		for (let i = 0; i < wide.length; i++) assert.ok(Math.abs(reopened[i]! - wide[i]!) <= 0.5 / 255 + 1e-6, `wide pixel ${i}`);
		// Dark ink on white paper at another size: found, cropped and centered.
		const big = {width: 56, height: 56, data: new Float32Array(56 * 56).fill(1)};
		for (let y = 10; y < 46; y++) for (let x = 26; x < 31; x++) big.data[y * 56 + x] = 0;
		const opened = canvasFromPicture(big, preprocessForModel)!;
		assert.ok(at(opened, 14, 14) > 0.5);
		assert.equal(canvasFromPicture({width: 28, height: 28, data: new Float32Array(784)}, preprocessForModel), null);
	} finally {
		fs.rmSync(directory, {recursive: true, force: true});
	}
});
