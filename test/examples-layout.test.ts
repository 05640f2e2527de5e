// The Examples screen's grid and captions: pure, without Ink.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {exampleCaption, examplesLayout} from '../source/screens/examples/examples-layout.js';

describe('the grid', () => {
	test('80×24 (a screen area of 80×23) holds ten half-size digits, not two full-size ones', () => {
		assert.deepEqual(examplesLayout(80, 23), {columns: 5, rows: 2, side: 14, compact: true});
	});

	test('a big window keeps full-size digits', () => {
		assert.deepEqual(examplesLayout(120, 39), {columns: 4, rows: 2, side: 28, compact: false});
		assert.deepEqual(examplesLayout(160, 23), {columns: 5, rows: 1, side: 28, compact: false});
	});

	test('the grid fits its area: tiles, two-column gaps, one-row gaps, the title and a blank line', () => {
		for (const [width, height] of [[80, 23], [100, 30], [120, 39], [200, 60]] as const) {
			const {columns, rows, side} = examplesLayout(width, height);
			assert.ok(columns * side + (columns - 1) * 2 <= width - 2, `${width}×${height}`);
			assert.ok(rows * (side / 2 + 2) + (rows - 1) + 2 <= height, `${width}×${height}`);
		}
	});
});

describe('captions', () => {
	const second = {digit: 4, probability: 0.11};
	test('full size: the prediction, then the index or the runner-up and the index', () => {
		assert.deepEqual(exampleCaption({index: 12, label: 7, predicted: 7, confidence: 0.998}, second, {ascii: false, compact: false}), [
			[{text: '7 ✓ 99.8%', tone: 'ok'}],
			[{text: '#12', tone: 'muted'}],
		]);
		assert.deepEqual(exampleCaption({index: 12, label: 4, predicted: 9, confidence: 0.87}, second, {ascii: false, compact: false}), [
			[{text: 'true 4 → 9 87.0%', tone: 'bad'}],
			[{text: 'runner-up 4 11.0%', tone: 'bad'}, {text: '  #12', tone: 'muted'}],
		]);
	});

	test('half size: short enough for a 14-column tile, in ASCII too', () => {
		assert.deepEqual(exampleCaption({index: 12, label: 4, predicted: 9, confidence: 0.87}, second, {ascii: false, compact: true}), [
			[{text: '4 → 9 87.0%', tone: 'bad'}],
			[{text: '2nd 4 11.0%', tone: 'bad'}],
		]);
		const widest = exampleCaption({index: 9999, label: 4, predicted: 9, confidence: 1}, {digit: 4, probability: 0}, {ascii: true, compact: true});
		assert.equal(widest[0]![0]!.text, '4 -> 9 100.0%');
		for (const line of widest) assert.ok(line.map(cell => cell.text).join('').length <= 14);
	});
});
