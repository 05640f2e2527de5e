import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {
	cellHeat,
	confusionHeatmap,
	heatLevelColor,
	heatmapLegend,
	heatmapText,
	heatRgb,
	heatScale,
	isStarred,
	type HeatCell,
} from '../source/render/heatmap.js';

// A thousand right next to three wrong; label 2 never occurs (its diagonal is 0).
const matrix = [
	[1000, 3, 0],
	[1, 500, 12],
	[0, 0, 0],
];

describe('heat scale', () => {
	test('the diagonal and the errors have separate maxima', () => {
		assert.deepEqual(heatScale(matrix), {correctMax: 1000, errorMax: 12});
	});

	test('correct counts are linear; errors are on a log scale so that 1 of 12 is still shaded', () => {
		const scale = heatScale(matrix);
		assert.deepEqual(cellHeat(1000, true, scale), {kind: 'correct', fraction: 1, level: 4});
		assert.deepEqual(cellHeat(500, true, scale), {kind: 'correct', fraction: 0.5, level: 2});
		assert.deepEqual(cellHeat(0, true, scale), {kind: 'zero', fraction: 0, level: 0});
		assert.deepEqual(cellHeat(12, false, scale), {kind: 'error', fraction: 1, level: 4});
		assert.equal(cellHeat(3, false, scale).level, 3);
		assert.equal(cellHeat(1, false, scale).level, 2);
		assert.equal(cellHeat(0, false, scale).kind, 'zero');
		// 3 errors are shaded darker than 3 would be on the diagonal's scale.
		assert.ok(cellHeat(3, false, scale).fraction > 0.5);
	});

	test('colors run from white to the darkest of each palette; dark levels take light text', () => {
		assert.deepEqual(heatRgb('correct', 0), [255, 255, 255]);
		assert.deepEqual(heatRgb('correct', 1), [8, 69, 148]);
		assert.deepEqual(heatRgb('error', 1), [153, 0, 13]);
		assert.deepEqual(heatRgb('error', 0.125), [255, 240, 233]);
		assert.deepEqual(heatRgb('zero', 0.7), [255, 255, 255]);
		assert.deepEqual(heatLevelColor('correct', 1), {background: '#deebf7', lightText: false});
		assert.deepEqual(heatLevelColor('correct', 4), {background: '#084594', lightText: true});
		assert.deepEqual(heatLevelColor('error', 4), {background: '#99000d', lightText: true});
		assert.deepEqual(heatLevelColor('error', 2), {background: '#fc9272', lightText: false});
	});

	test('errors of at least half the largest one are starred', () => {
		const scale = heatScale(matrix);
		assert.deepEqual([0, 1, 5, 6, 12].map(count => isStarred(count, scale)), [false, false, false, true, true]);
	});
});

describe('confusionHeatmap', () => {
	test('brackets the diagonal, dots the zeros, stars the worst errors, with both axis labels', () => {
		assert.equal(
			heatmapText(confusionHeatmap(matrix)),
			[
				'       predicted →',
				'true ↓     0      1      2',
				'   0   [1000]     3      ·',
				'   1       1   [500]   *12*',
				'   2       ·      ·     [0]',
			].join('\n'),
		);
	});

	test('ASCII mode uses no other characters', () => {
		const text = heatmapText(confusionHeatmap(matrix, {ascii: true}));
		assert.equal(
			text,
			[
				'     predicted ->',
				'true     0      1      2',
				' 0   [1000]     3      .',
				' 1       1   [500]   *12*',
				' 2       .      .     [0]',
			].join('\n'),
		);
		assert.match(text, /^[\x20-\x7e\n]*$/);
	});

	test('every count cell carries its tone and level, and has the same width', () => {
		const lines = confusionHeatmap(matrix);
		const countCells = (line: HeatCell[]) => line.filter(cell => cell.tone !== 'space' && cell.tone !== 'label');
		assert.deepEqual(
			countCells(lines[3]!).map(({tone, level}) => [tone, level]),
			[
				['error', 2],
				['correct', 2],
				['error', 4],
			],
		);
		assert.deepEqual(countCells(lines[2]!).map(cell => cell.text), ['[1000]', '    3 ', '    · ']);
		assert.deepEqual(lines[0]!.map(cell => cell.tone), ['space', 'axis']);
		assert.deepEqual(
			lines[1]!.filter(cell => cell.tone === 'label').map(cell => cell.text),
			['    0 ', '    1 ', '    2 '],
		);
	});

	test('the legend says what the marks mean, in ASCII too', () => {
		assert.deepEqual(heatmapLegend(), [{text: '[n] right  *n* most confused  · none', tone: 'axis', level: 0}]);
		assert.equal(heatmapLegend({ascii: true})[0]!.text, '[n] right  *n* most confused  . none');
	});

	test('a full 10×10 matrix of 10,000 test images fits 80 columns', () => {
		const full = Array.from({length: 10}, (_, label) => Array.from({length: 10}, (_, predicted) => (label === predicted ? 1135 : 7)));
		const lines = heatmapText(confusionHeatmap(full)).split('\n');
		assert.equal(lines.length, 12);
		assert.ok(lines.every(line => line.length <= 80), `widest line is ${Math.max(...lines.map(line => line.length))}`);
	});
});
