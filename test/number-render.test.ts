// The number reading as text, without Ink: box outlines around each digit's ink on a
// half-block grid, labels under the boxes, the number in block letters, the verdict, the
// wide number canvas, and the canvas engine at a number's width.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {NumberReading} from '../source/image/number.js';
import {digitLinesToText} from '../source/render/digit.js';
import {bigNumber, boxOutlines, digitLabels, numberVerdict, overlayMarks, renderNumberCanvas} from '../source/render/number.js';
import {blankCanvas, canvasWidth, enoughInk, fitCanvas, lineInto, pixelCenter} from '../source/sketch/canvas.js';
import {numberCanvasWidth, numberFits} from '../source/sketch/layout.js';
import {initialSketchScreen, sketchScreenReducer} from '../source/screens/sketch/sketch-screen-state.js';
import {initialSketch, sketchReducer} from '../source/sketch/sketch-state.js';

const grid = (marks: Map<number, string>, columns: number, rows: number) =>
	Array.from({length: rows}, (_, row) => Array.from({length: columns}, (_, column) => marks.get(row * columns + column) ?? '.').join(''));

test('a box is outlined one pixel outside its ink, in half-block rows', () => {
	// Ink at x 2–4, y 4–9 (cell rows 2–4): the outline at columns 1 and 5, rows 1 and 5.
	const marks = boxOutlines([{x: 2, y: 4, width: 3, height: 6}], 8, 7);
	assert.deepEqual(grid(marks, 8, 7), ['........', '.┌───┐..', '.│...│..', '.│...│..', '.│...│..', '.└───┘..', '........']);
	// ASCII, and a box at the picture's edge is kept inside it.
	assert.deepEqual(grid(boxOutlines([{x: 0, y: 0, width: 2, height: 4}], 4, 3, {ascii: true}), 4, 3), ['+-+.', '|.|.', '+-+.']);
	// A preview at half size: the box shrinks with it.
	assert.deepEqual(grid(boxOutlines([{x: 4, y: 8, width: 6, height: 12}], 8, 7, {scale: 0.5}), 8, 7), ['........', '.┌───┐..', '.│...│..', '.│...│..', '.│...│..', '.└───┘..', '........']);
});

test('marks go over a picture\'s cells on their background; kept cells stay', () => {
	const lines = [[{text: '  ', bg: '#000000'}, {text: '▀', fg: '#ffffff', bg: '#000000'}]];
	const marks = new Map([[0, '│'], [2, '│']]);
	const marked = overlayMarks(lines, marks, {color: 'cyan', keep: ({column}) => column === 2});
	assert.deepEqual(marked, [[{text: '│', fg: 'cyan', bg: '#000000'}, {text: ' ', bg: '#000000'}, {text: '▀', fg: '#ffffff', bg: '#000000'}]]);
});

const digit = (value: number, confidence: number, x: number, width: number) => ({digit: value, confidence, probabilities: [], box: {x, y: 4, width, height: 20}});

test('each label is centered under its box; the confidence shows when there is room, "?" when the model is unsure', () => {
	const row = digitLabels([digit(3, 0.97, 6, 14), digit(1, 0.5, 30, 2), digit(7, 0.91, 50, 14)], 70);
	assert.equal(row.length, 70);
	assert.equal(row.indexOf('3 97%'), 6 + Math.floor((14 - 5) / 2));
	assert.equal(row.indexOf('1?'), 30);
	assert.ok(!row.includes('1? 50%'));
	assert.equal(row.indexOf('7 91%'), 50 + Math.floor((14 - 5) / 2));
	// Labels never overlap: one that would run into the one before moves right.
	const crowded = digitLabels([digit(1, 0.9, 0, 4), digit(2, 0.9, 3, 4)], 20);
	assert.match(crowded, /^1 90% 2 90%/);
});

test('the number in block letters: 7-row digits with room, 3-row figures without', () => {
	const small = bigNumber('317', {width: 30, rows: 4});
	assert.equal(small.length, 3);
	assert.equal(small[0], '▀▀█ ▀█  ▀▀█');
	const large = bigNumber('317', {width: 40, rows: 8});
	assert.equal(large.length, 7);
	assert.equal(large[0]!.length, 3 * 10 + 2 * 2);
	// A separator has no 7-row glyph: the 3-row figures show it.
	assert.equal(bigNumber('3.5', {width: 80, rows: 8}).length, 3);
	assert.ok(bigNumber('12', {width: 80, rows: 8, ascii: true}).every(line => /^[# ]*$/.test(line)));
});

test('the verdict: the number and how sure, the digits the model is unsure of, an error, or what to do', () => {
	const reading = (confidences: number[]): NumberReading => ({
		number: confidences.map((_, index) => String(index)).join(''),
		confidence: confidences.reduce((product, value) => product * value, 1),
		digits: confidences.map((confidence, index) => digit(index, confidence, index * 20, 10)),
		separators: [],
	});
	assert.deepEqual(numberVerdict(reading([0.9, 0.8])), [{text: 'reads 01', tone: 'ok'}, {text: '2 digits, 72.0% sure', tone: 'plain'}]);
	assert.deepEqual(numberVerdict(reading([0.9, 0.5, 0.4]))[0], {text: 'reads 012, not sure of 2 digits', tone: 'warn'});
	assert.deepEqual(numberVerdict(null), [{text: 'draw a number', tone: 'muted'}]);
	assert.deepEqual(numberVerdict(null, {error: 'no model loaded'}), [{text: 'cannot read: no model loaded', tone: 'bad'}]);
});

test('the number canvas: as wide as the window holds, drawn with its boxes around the ink and the ink on top', () => {
	assert.equal(numberCanvasWidth(80), 76);
	assert.equal(numberCanvasWidth(200), 196);
	assert.equal(numberCanvasWidth(1000), 240);
	assert.ok(numberFits(76, 80, 22));
	assert.ok(!numberFits(76, 60, 22));
	const pixels = blankCanvas(40);
	assert.equal(canvasWidth(pixels), 40);
	lineInto(pixels, pixelCenter(30, 6), pixelCenter(30, 20), 1.1, 'paint');
	assert.ok(enoughInk(pixels));
	const lines = digitLinesToText(renderNumberCanvas(pixels, [{x: 29, y: 5, width: 3, height: 17}], {colorLevel: 'none'}));
	assert.equal(lines.length, 14);
	assert.ok(lines.every(line => line.length === 40));
	assert.equal(lines[1]!.slice(28, 33), '┌───┐');
	assert.equal(lines[5]!.slice(28, 33), '│███│');
	assert.equal(lines[11]!.slice(28, 33), '└───┘');
});

test('the pad at a number\'s width: the cursor reaches its right edge, clear keeps the width, a 28-wide picture lands at its left', () => {
	let pad = initialSketch(60);
	pad = sketchReducer(pad, {type: 'count', digit: '9'});
	for (let i = 0; i < 6; i++) pad = sketchReducer(sketchReducer(pad, {type: 'count', digit: '9'}), {type: 'move', dx: 1, dy: 0});
	assert.equal(pad.cursor.x, 59);
	pad = sketchReducer(pad, {type: 'dab', mode: 'paint'});
	assert.ok(pad.drawing.pixels[13 * 60 + 59]! > 0.5);
	pad = sketchReducer(pad, {type: 'clear'});
	assert.equal(canvasWidth(pad.drawing.pixels), 60);
	const picture = blankCanvas();
	picture[5 * 28 + 27] = 1;
	pad = sketchReducer(pad, {type: 'load', pixels: picture});
	assert.equal(canvasWidth(pad.drawing.pixels), 60);
	assert.equal(pad.drawing.pixels[5 * 60 + 27], 1);
	assert.equal(canvasWidth(fitCanvas(blankCanvas(60), 28)), 28);
});

test('m switches modes and keeps each pad; a number pad the window no longer holds starts afresh at the width it does', () => {
	let state = initialSketchScreen();
	state = sketchScreenReducer(state, {type: 'dab', mode: 'paint'});
	const digitPad = state.pad;
	state = sketchScreenReducer(state, {type: 'mode', width: 76});
	assert.equal(state.mode, 'number');
	assert.equal(canvasWidth(state.pad.drawing.pixels), 76);
	state = sketchScreenReducer(state, {type: 'dab', mode: 'paint'});
	const numberPad = state.pad;
	state = sketchScreenReducer(state, {type: 'mode', width: 76});
	assert.equal(state.mode, 'digit');
	assert.equal(state.pad, digitPad);
	assert.equal(sketchScreenReducer(state, {type: 'mode', width: 100}).pad, numberPad);
	const narrower = sketchScreenReducer(state, {type: 'mode', width: 50}).pad;
	assert.equal(canvasWidth(narrower.drawing.pixels), 50);
	assert.ok(narrower.drawing.pixels.every(value => value === 0));
});
