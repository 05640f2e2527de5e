// The SGR mouse parser: every kind of report, several in one chunk, one cut in two, and
// bad input consumed without a crash and without turning into keys.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {createMouseReader, mouseEvent, parseMouse} from '../source/input/mouse.js';

const none = {shift: false, meta: false, ctrl: false};

test('press, drag, release and motion of each button, 1-based cells made 0-based', () => {
	assert.deepEqual(parseMouse('\u001B[<0;12;5M').events, [{type: 'press', button: 'left', x: 11, y: 4, ...none}]);
	assert.deepEqual(parseMouse('\u001B[<2;1;1M').events, [{type: 'press', button: 'right', x: 0, y: 0, ...none}]);
	assert.deepEqual(parseMouse('\u001B[<1;3;3M').events, [{type: 'press', button: 'middle', x: 2, y: 2, ...none}]);
	assert.deepEqual(parseMouse('\u001B[<32;13;5M').events, [{type: 'drag', button: 'left', x: 12, y: 4, ...none}]);
	assert.deepEqual(parseMouse('\u001B[<0;13;5m').events, [{type: 'release', button: 'left', x: 12, y: 4, ...none}]);
	assert.deepEqual(parseMouse('\u001B[<35;2;2M').events, [{type: 'move', button: 'none', x: 1, y: 1, ...none}]);
	// X10-style release: button 3 with M.
	assert.deepEqual(parseMouse('\u001B[<3;2;2M').events, [{type: 'release', button: 'none', x: 1, y: 1, ...none}]);
});

test('wheel and modifiers', () => {
	assert.deepEqual(parseMouse('\u001B[<64;5;6M').events, [{type: 'wheel', direction: 'up', x: 4, y: 5, ...none}]);
	assert.deepEqual(parseMouse('\u001B[<65;5;6M').events, [{type: 'wheel', direction: 'down', x: 4, y: 5, ...none}]);
	assert.deepEqual(parseMouse('\u001B[<4;1;1M').events[0], {type: 'press', button: 'left', x: 0, y: 0, shift: true, meta: false, ctrl: false});
	assert.deepEqual(parseMouse('\u001B[<24;1;1M').events[0], {type: 'press', button: 'left', x: 0, y: 0, shift: false, meta: true, ctrl: true});
	assert.deepEqual(parseMouse('\u001B[<50;1;1M').events[0], {type: 'drag', button: 'right', x: 0, y: 0, shift: false, meta: false, ctrl: true});
});

test('several reports in one chunk, with or without ESC (Ink strips it)', () => {
	const {events} = parseMouse('\u001B[<0;1;1M\u001B[<32;2;1M[<32;3;1M\u001B[<0;3;1m');
	assert.deepEqual(
		events.map(event => [event.type, event.x, event.y]),
		[
			['press', 0, 0],
			['drag', 1, 0],
			['drag', 2, 0],
			['release', 2, 0],
		],
	);
});

test('a report cut across two inputs is joined', () => {
	const reader = createMouseReader();
	assert.deepEqual(reader.read('[<0;1'), []);
	assert.deepEqual(reader.read('2;5M'), [{type: 'press', button: 'left', x: 11, y: 4, ...none}]);
	assert.deepEqual(reader.read('\u001B[<'), []);
	assert.deepEqual(reader.read('0;1;1m'), [{type: 'release', button: 'left', x: 0, y: 0, ...none}]);
});

test('keys are not mouse input; a cut-off start followed by a key drops the start and keeps the key', () => {
	const reader = createMouseReader();
	assert.equal(reader.read('j'), undefined);
	assert.equal(reader.read('['), undefined);
	assert.equal(reader.read(''), undefined);
	assert.equal(reader.read('[A'), undefined);
	assert.deepEqual(reader.read('[<0;4'), []);
	assert.equal(reader.read('j'), undefined);
	assert.equal(reader.read('2;5M'), undefined, 'the dropped start does not come back');
});

test('malformed and unknown reports are consumed and ignored, never a crash', () => {
	const reader = createMouseReader();
	for (const bad of ['[<abc', '[<0;0;0M', '[<;;M', '[<0;1;1x', '[<999999;1;1M', '[<128;1;1M', '[<0;1;1', '[<<<', '\u001B[<0;1;1;1M', '[<67;1;1m']) {
		const events = reader.read(bad);
		assert.ok(Array.isArray(events), `${JSON.stringify(bad)} is taken as mouse input`);
		assert.deepEqual(events, [], JSON.stringify(bad));
	}
	assert.equal(mouseEvent(0, 0, 1, 'M'), undefined);
	// Good reports around a bad one still come through.
	assert.deepEqual(
		parseMouse('[<0;1;1M[<x;2M[<0;2;2m').events.map(event => event.type),
		['press', 'release'],
	);
});
