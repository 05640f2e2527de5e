// The sketch pad screen without rendering: its reducer (the path field, the message, the
// pad's actions passed through), each drawing key of the keymap and the action it runs,
// mouse reports as pad actions, and what the title line and the cursor show.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {sketchHelp} from '../source/help-text.js';
import {commandFor, keymaps} from '../source/input/keymap.js';
import {mouseEvent} from '../source/input/mouse.js';
import {messageRows, sketchScreenLayout} from '../source/screens/sketch/sketch-screen-layout.js';
import {initialSketchScreen, mouseAction, padActions, padHandlers, sketchScreenReducer, type SketchScreenAction, type SketchScreenState} from '../source/screens/sketch/sketch-screen-state.js';
import {sketchLayout} from '../source/sketch/layout.js';
import {initialSketch, type SketchAction} from '../source/sketch/sketch-state.js';

const run = (actions: SketchScreenAction[], state: SketchScreenState = initialSketchScreen()) => actions.reduce(sketchScreenReducer, state);
const inked = (state: SketchScreenState) => state.pad.drawing.pixels.filter(value => value > 0).length;

describe('the reducer', () => {
	test('o opens an empty field and clears the message; typing, Backspace and Ctrl-U edit it; closing keeps the pad', () => {
		const said = run([{type: 'message', message: {text: 'saved digit.png', tone: 'ok'}}]);
		assert.deepEqual(said.message, {text: 'saved digit.png', tone: 'ok'});
		const opened = sketchScreenReducer(said, {type: 'openField'});
		assert.equal(opened.field, '');
		assert.equal(opened.message, undefined);
		const typed = run(
			[
				{type: 'editField', edit: {type: 'type', text: 'digit'}},
				{type: 'editField', edit: {type: 'type', text: '.pngx'}},
				{type: 'editField', edit: {type: 'erase'}},
			],
			opened,
		);
		assert.equal(typed.field, 'digit.png');
		assert.equal(sketchScreenReducer(typed, {type: 'editField', edit: {type: 'clear'}}).field, '');
		const closed = sketchScreenReducer(typed, {type: 'closeField'});
		assert.equal(closed.field, undefined);
		assert.equal(closed.pad, typed.pad);
	});

	test('Tab completes the field; several matches or none are said under it, one match says nothing', () => {
		const typed = run([{type: 'openField'}, {type: 'editField', edit: {type: 'type', text: 'scans/s'}}]);
		const several = sketchScreenReducer(typed, {type: 'completed', completion: {text: 'scans/seven', matches: ['seven-a.png', 'seven-b.png']}});
		assert.equal(several.field, 'scans/seven');
		assert.deepEqual(several.message, {text: '2 matches: seven-a.png  seven-b.png', tone: 'muted'});
		const one = sketchScreenReducer(several, {type: 'completed', completion: {text: 'scans/seven-a.png', matches: ['seven-a.png']}});
		assert.equal(one.field, 'scans/seven-a.png');
		assert.equal(one.message, undefined);
		assert.deepEqual(sketchScreenReducer(typed, {type: 'completed', completion: {text: 'scans/s', matches: []}}).message, {text: 'no file or folder there starts with "s"', tone: 'muted'});
		const empty = run([{type: 'openField'}, {type: 'completed', completion: {text: '', matches: []}}]);
		assert.deepEqual(empty.message, {text: 'no files or folders there', tone: 'muted'});
		// What Tab said is about the field: closing it takes the message away.
		assert.equal(sketchScreenReducer(several, {type: 'closeField'}).message, undefined);
		const closed = initialSketchScreen();
		assert.equal(sketchScreenReducer(closed, {type: 'completed', completion: {text: 'x', matches: ['x']}}), closed);
	});

	test('edits without an open field change nothing', () => {
		const state = initialSketchScreen();
		assert.equal(sketchScreenReducer(state, {type: 'editField', edit: {type: 'type', text: 'q'}}), state);
	});

	test('pad actions reach the pad; one that changes nothing leaves the state as it was', () => {
		const state = run([{type: 'move', dx: 2, dy: -1}, {type: 'dab', mode: 'paint'}]);
		assert.deepEqual(state.pad.cursor, {x: 15, y: 12});
		assert.equal(state.pad.strokes, 1);
		assert.ok(inked(state) > 0);
		const fresh = initialSketchScreen();
		assert.equal(sketchScreenReducer(fresh, {type: 'undo'}), fresh);
	});
});

describe('the drawing keys', () => {
	test('each key of the help reaches its command, and each command its action', () => {
		const action = (key: string) => {
			const command = commandFor(keymaps.sketch, key)?.command;
			return command !== undefined && command in padActions ? padActions[command as keyof typeof padActions] : command;
		};
		assert.deepEqual(action('h'), {type: 'move', dx: -1, dy: 0});
		assert.deepEqual(action('left'), {type: 'move', dx: -1, dy: 0});
		assert.deepEqual(action('j'), {type: 'move', dx: 0, dy: 1});
		assert.deepEqual(action('down'), {type: 'move', dx: 0, dy: 1});
		assert.deepEqual(action('k'), {type: 'move', dx: 0, dy: -1});
		assert.deepEqual(action('up'), {type: 'move', dx: 0, dy: -1});
		assert.deepEqual(action('l'), {type: 'move', dx: 1, dy: 0});
		assert.deepEqual(action('right'), {type: 'move', dx: 1, dy: 0});
		assert.deepEqual(action('H'), {type: 'move', dx: -4, dy: 0});
		assert.deepEqual(action('shift+left'), {type: 'move', dx: -4, dy: 0});
		assert.deepEqual(action('J'), {type: 'move', dx: 0, dy: 4});
		assert.deepEqual(action('shift+down'), {type: 'move', dx: 0, dy: 4});
		assert.deepEqual(action('K'), {type: 'move', dx: 0, dy: -4});
		assert.deepEqual(action('shift+up'), {type: 'move', dx: 0, dy: -4});
		assert.deepEqual(action('L'), {type: 'move', dx: 4, dy: 0});
		assert.deepEqual(action('shift+right'), {type: 'move', dx: 4, dy: 0});
		// Diagonals, as in roguelikes: y ↖ u ↗ b ↙ n ↘ (a count first for longer runs).
		assert.deepEqual(action('y'), {type: 'move', dx: -1, dy: -1});
		assert.deepEqual(action('u'), {type: 'move', dx: 1, dy: -1});
		assert.deepEqual(action('b'), {type: 'move', dx: -1, dy: 1});
		assert.deepEqual(action('n'), {type: 'move', dx: 1, dy: 1});
		assert.deepEqual(action('space'), {type: 'dab', mode: 'paint'});
		assert.deepEqual(action('x'), {type: 'dab', mode: 'erase'});
		assert.deepEqual(action('p'), {type: 'pen', mode: 'paint'});
		assert.deepEqual(action('e'), {type: 'pen', mode: 'erase'});
		assert.deepEqual(action('['), {type: 'brush', by: -1});
		assert.deepEqual(action(']'), {type: 'brush', by: 1});
		assert.deepEqual(action('c'), {type: 'clear'});
		assert.deepEqual(action('z'), {type: 'undo'});
		assert.deepEqual(action('ctrl+r'), {type: 'redo'});
		// The rest need more than the pad: the screen handles them itself.
		assert.deepEqual(['5', 'return', 's', 'o', 'escape', 'q'].map(action), ['count', 'predict', 'save', 'open', 'back', 'back']);
	});

	test('] and [ make the brush bigger and smaller, within its sizes', () => {
		const brush = (keys: Array<keyof typeof padActions>) => run(keys.map(key => padActions[key])).pad.brush;
		assert.equal(initialSketch().brush, 2);
		assert.equal(brush(['biggerBrush']), 3);
		assert.equal(brush(['smallerBrush']), 1);
		assert.equal(brush(['biggerBrush', 'biggerBrush', 'biggerBrush', 'biggerBrush']), 5);
		assert.equal(brush(['smallerBrush', 'smallerBrush', 'smallerBrush']), 0);
	});

	test('with the pen down a diagonal key draws a slanted line, not a staircase', () => {
		const state = run([padActions.pen, padActions.moveDownRight, padActions.moveDownRight, padActions.moveDownRight, padActions.pen]).pad;
		assert.deepEqual(state.cursor, {x: 16, y: 16});
		const level = (x: number, y: number) => state.drawing.pixels[y * 28 + x]!;
		for (let step = 0; step <= 3; step++) assert.equal(level(13 + step, 13 + step), 1, `full ink on the diagonal at ${13 + step},${13 + step}`);
		// The line's two sides get the same ink: a staircase (l then j) would ink one side's corners fully.
		assert.equal(level(15, 14), level(14, 15));
		assert.ok(level(15, 14) < 1);
	});

	test('`digits sketch --help` names the diagonals, z and Tab in lines that fit 80 columns', () => {
		const lines = sketchHelp.help.split('\n');
		assert.deepEqual(lines.filter(line => line.length > 80), []);
		const text = lines.map(line => line.trim()).join(' ');
		assert.match(text, /y u b n diagonally/);
		assert.match(text, /z undoes a stroke/);
		assert.match(text, /o opens an image \(Tab completes its path\)/);
	});

	test('a count before a jump multiplies it', () => {
		const state = run([{type: 'count', digit: '2'}, padActions.jumpLeft]);
		assert.deepEqual(state.pad.cursor, {x: 5, y: 13});
		assert.equal(state.pad.count, '');
	});

	test('the handlers dispatch their command\'s action', () => {
		const dispatched: SketchAction[] = [];
		const handlers = padHandlers(action => dispatched.push(action));
		assert.deepEqual(Object.keys(handlers), Object.keys(padActions));
		handlers.biggerBrush();
		handlers.jumpUp();
		assert.deepEqual(dispatched, [
			{type: 'brush', by: 1},
			{type: 'move', dx: 0, dy: -4},
		]);
	});
});

test('mouse reports become pad actions at canvas points; a press outside the canvas starts nothing, a drag may leave it', () => {
	const layout = sketchLayout(80, 22);
	const press = mouseEvent(0, 5, 6, 'M')!;
	assert.deepEqual(mouseAction(layout, press), {type: 'mouse', event: press, at: {x: 2.5, y: 7}});
	const outside = mouseEvent(0, 1, 1, 'M')!;
	assert.deepEqual(mouseAction(layout, outside), {type: 'mouse', event: outside, at: null});
	const drag = mouseEvent(32, 1, 6, 'M')!;
	assert.deepEqual(mouseAction(layout, drag), {type: 'mouse', event: drag, at: {x: -1.5, y: 7}});
});

describe('the layout', () => {
	test('at 80×22: the pad at half-block size, the title line at the start', () => {
		assert.deepEqual(sketchScreenLayout(initialSketch(), 80, 22, false), {
			pad: {scale: 1, canvasLeft: 2, canvasTop: 2, canvasColumns: 28, canvasRows: 14, panelWidth: 47, fullSeen: false},
			brush: '●●●···',
			pen: 'pen up',
			penTone: 'accent',
			cursorLetter: 'o',
			position: '13,13',
			count: '',
			mouseHint: 'mouse: drag to paint · right button erases · wheel: brush',
		});
	});

	test('the pen, the eraser, a count, and ASCII', () => {
		const painting = run([padActions.pen, padActions.biggerBrush, {type: 'count', digit: '5'}]).pad;
		const shown = sketchScreenLayout(painting, 120, 40, true);
		assert.deepEqual(
			{scale: shown.pad.scale, brush: shown.brush, pen: shown.pen, penTone: shown.penTone, cursorLetter: shown.cursorLetter, count: shown.count, mouseHint: shown.mouseHint},
			{scale: 2, brush: 'oooo..', pen: 'pen down', penTone: 'ok', cursorLetter: 'p', count: '5...', mouseHint: 'mouse: drag to paint - right button erases - wheel: brush'},
		);
		const erasing = run([padActions.eraser, {type: 'count', digit: '1'}, {type: 'count', digit: '2'}]).pad;
		const unicode = sketchScreenLayout(erasing, 80, 22, false);
		assert.deepEqual([unicode.pen, unicode.penTone, unicode.cursorLetter, unicode.count], ['eraser down', 'bad', 'x', '12…']);
	});
});

test('a message under the canvas wraps over two rows and ends after a whole word ("..." under --ascii); the mouse hint comes back after it', () => {
	const hint = 'mouse: drag to paint - right button erases - wheel: brush';
	const long = '/home/someone/drawings/readme.md is not an image (it is a text file); give a PNG, JPEG, BMP, GIF or TIFF file, or draw the digit on the pad instead of opening a file';
	const rows = messageRows(long, 79, hint, true);
	assert.equal(rows.hint, false);
	assert.ok(rows.message.length <= 79 && rows.second.length <= 79, JSON.stringify(rows));
	assert.ok(rows.second.endsWith('...') && !`${rows.message} ${rows.second}`.includes('…'), rows.second);
	assert.ok(long.startsWith(`${rows.message} ${rows.second.slice(0, -3)}`), 'whole words, in order');
	assert.deepEqual(messageRows('saved digit-20261205-130000.png', 79, hint, true), {message: 'saved digit-20261205-130000.png', second: hint, hint: true});
	assert.deepEqual(messageRows(undefined, 79, hint, true), {message: ' ', second: hint, hint: true});
});
