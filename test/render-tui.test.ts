// The TUI's pure renderers, without Ink: exact strings where they are short, shapes where
// the text is a picture.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {plainText} from '../source/render/cells.js';
import {renderChart} from '../source/render/chart.js';
import {epochTable} from '../source/render/epoch-table.js';
import {duration, rate, remaining} from '../source/render/format.js';
import {progressBar} from '../source/render/progress.js';
import {columnOf, resample, smooth} from '../source/render/series.js';
import {fitParts, trainingLayout} from '../source/render/training-layout.js';

const falling = Array.from({length: 60}, (_, index) => ({step: index + 1, value: 2.3 * Math.exp(-index / 15)}));
const epochs = [
	{epoch: 1, step: 30, train: 0.9, validation: 0.5},
	{epoch: 2, step: 60, train: 0.2, validation: 0.25},
];
const lossChart = (width: number, extra: Partial<Parameters<typeof renderChart>[0]> = {}) =>
	renderChart({title: 'loss', points: falling, epochs, width, height: 8, min: 0, format: value => value.toFixed(2), ...extra}).map(plainText);

describe('chart', () => {
	test('has a legend row, the plot rows and an epoch row, none wider than asked', () => {
		for (const width of [30, 38, 58]) {
			const lines = lossChart(width);
			assert.equal(lines.length, 1 + 8 + 1);
			for (const line of lines) assert.ok(line.length <= width, `"${line}" fits ${width} columns`);
			assert.equal(lines[1]!.length, width, 'plot rows use the whole width');
		}
	});

	test('labels the axis from the maximum down to the minimum', () => {
		const lines = lossChart(38);
		assert.match(lines[1]!, /^2\.30┼/);
		assert.match(lines[8]!, /^0\.00┤/);
	});

	test('shortens the legend to fit, and names all three series', () => {
		assert.equal(lossChart(70)[0], 'loss  ─ batches (smoothed)  ● train (epoch)  ◆ validation (epoch)');
		assert.equal(lossChart(38)[0], 'loss  ─ batches  ● train  ◆ validation');
		assert.equal(lossChart(30)[0], 'loss  ─ batch  ● train  ◆ val');
	});

	test('draws the epoch markers on their rows and numbers the epochs under them', () => {
		const lines = lossChart(38);
		const epochRow = lines.at(-1)!;
		const column = (step: number) => 4 + columnOf(step, 1, 60, 38 - 5);
		assert.equal(epochRow[column(30)], '1');
		assert.equal(epochRow[column(60)], '2');
		const trainRow = lines.findIndex(line => line[column(30)] === '●');
		const validationRow = lines.findIndex(line => line[column(30)] === '◆');
		assert.ok(trainRow > 0 && validationRow > trainRow, 'validation loss 0.5 sits below train loss 0.9');
	});

	test('ASCII mode uses no box drawing or markers outside ASCII', () => {
		const lines = lossChart(38, {ascii: true});
		assert.ok(lines.every(line => /^[\x20-\x7e]*$/.test(line)), lines.join('\n'));
		assert.equal(lines[0], 'loss  - batches  o train  x validation');
	});

	test('waits with a placeholder until two batches exist (asciichart cannot plot less)', () => {
		const lines = renderChart({title: 'accuracy', points: falling.slice(0, 1), epochs: [], width: 38, height: 6, min: 0, max: 1, format: String}).map(plainText);
		assert.equal(lines.length, 8);
		assert.ok(lines.some(line => line.includes('waiting for the first batches…')));
	});

	test('a finished run with one batch event draws it as a level line under its epoch markers', () => {
		const lines = renderChart({title: 'loss', points: [{step: 1, value: 0.5}], epochs: [{epoch: 1, step: 1, train: 0.5, validation: 0.4}], width: 38, height: 6, min: 0, max: 1, format: String}).map(plainText);
		assert.ok(!lines.some(line => line.includes('waiting')), lines.join('\n'));
		assert.ok(lines.slice(1).some(line => line.includes('●')) && lines.slice(1).some(line => line.includes('◆')), lines.join('\n'));
	});

	test('the placeholder says what it is told, in ASCII when asked', () => {
		const chart = (extra: Partial<Parameters<typeof renderChart>[0]>) => renderChart({title: 'loss', points: [], epochs: [], width: 38, height: 6, min: 0, format: String, ...extra}).map(plainText).join('\n');
		assert.match(chart({ascii: true}), /waiting for the first batches\.\.\./);
		assert.doesNotMatch(chart({ascii: true}), /…/);
		assert.match(chart({placeholder: 'no batch finished'}), /no batch finished/);
	});

	test('keeps out-of-range values on the chart', () => {
		const lines = renderChart({
			title: 'accuracy',
			points: [{step: 1, value: -0.5}, {step: 2, value: 1.5}, {step: 3, value: Number.NaN}].slice(0, 2),
			epochs: [],
			width: 30,
			height: 5,
			min: 0,
			max: 1,
			format: value => `${Math.round(value * 100)}%`,
		}).map(plainText);
		assert.equal(lines.length, 7);
		assert.match(lines[1]!, /^100%/);
	});
});

describe('series', () => {
	test('smoothing starts at the first value and follows the trend', () => {
		assert.ok(smooth([1, 1, 1]).every(value => Math.abs(value - 1) < 1e-12));
		const smoothed = smooth([0, 10, 10, 10], 0.5);
		assert.equal(smoothed[0], 0);
		assert.ok(smoothed[1]! > 5 && smoothed[3]! < 10 && smoothed[3]! > smoothed[2]!);
		assert.deepEqual(smooth([3, 1], 0), [3, 1]);
	});

	test('resampling averages many points per column and interpolates between few', () => {
		assert.deepEqual(resample([{step: 1, value: 0}, {step: 2, value: 2}, {step: 3, value: 4}, {step: 4, value: 6}], 2), [1, 5]);
		assert.deepEqual(resample([{step: 0, value: 0}, {step: 4, value: 4}], 5), [0, 1, 2, 3, 4]);
		assert.deepEqual(resample([], 5), []);
	});
});

describe('progress bar', () => {
	test('is exactly as wide as asked, with eighth blocks at the edge', () => {
		assert.equal(plainText(progressBar(0, 10)), '░░░░░░░░░░');
		assert.equal(plainText(progressBar(1, 10)), '██████████');
		assert.equal(plainText(progressBar(0.25, 10)), '██▌░░░░░░░');
		assert.equal(plainText(progressBar(2, 4)), '████');
		assert.equal(plainText(progressBar(Number.NaN, 4)), '░░░░');
	});

	test('ASCII mode', () => {
		assert.equal(plainText(progressBar(0.5, 8, true)), '####....');
	});
});

describe('formatting', () => {
	test('durations and rates', () => {
		assert.equal(duration(0.84), '0.8 s');
		assert.equal(duration(42.4), '42 s');
		assert.equal(duration(185), '3 min 05 s');
		assert.equal(duration(3720), '1 h 02 min');
		assert.equal(rate(2712.4, 'images'), '2,712 images/s');
		assert.equal(rate(45.26), '45.3/s');
		assert.equal(rate(3.417), '3.42/s');
		assert.equal(rate(Number.NaN, 'images'), '– images/s');
		assert.equal(remaining(undefined), '–');
		assert.equal(remaining(65), '1 min 05 s');
	});

	test('the epoch table shows images/s as the training header does (slow backends keep their decimals)', () => {
		const row = {epoch: 1, loss: 0.1, accuracy: 0.9, valLoss: null, valAccuracy: null, imagesPerSecond: 45.26, seconds: 20};
		assert.match(epochTable([row], 1)[1]!, / 45\.3 /);
		assert.equal(rate(45.26, 'images'), '45.3 images/s');
	});

	test('the epoch table keeps the last epochs under a header', () => {
		const row = (epoch: number) => ({epoch, loss: 0.1234, accuracy: 0.9712, valLoss: null, valAccuracy: null, imagesPerSecond: 2712.4, seconds: 22.1});
		assert.deepEqual(epochTable([row(1), row(2), row(3)], 2), [
			'epoch     loss  accuracy  val loss  val acc.  images/s        time',
			'    2   0.1234    97.12%         –         –     2,712        22 s',
			'    3   0.1234    97.12%         –         –     2,712        22 s',
		]);
	});
});

describe('training layout', () => {
	test('fits charts, progress and the epoch table in 80×24', () => {
		const layout = trainingLayout(80, 22, 3);
		assert.deepEqual(layout, {chartWidth: 38, plotHeight: 10, tableRows: 3});
		const used = 4 + 1 + (layout.plotHeight + 2) + 1 + 1 + layout.tableRows;
		assert.ok(used <= 22, `uses ${used} of 22 rows`);
	});

	test('a line of parts drops whole parts from the end until it fits, keeping the first', () => {
		assert.deepEqual(fitParts(['Training m', 'classic', '', 'graph trainer'], 40, ' · '), ['Training m', 'classic', 'graph trainer']);
		assert.deepEqual(fitParts(['Training m', 'classic', 'graph trainer'], 24, ' · '), ['Training m', 'classic']);
		assert.deepEqual(fitParts(['Training a-long-name', 'classic'], 10, ' · '), ['Training a-long-name']);
	});

	test('gives a bigger window taller charts and more epochs', () => {
		const layout = trainingLayout(120, 38, 20);
		assert.equal(layout.tableRows, 10);
		assert.ok(layout.plotHeight > 10 && layout.chartWidth === 58);
	});
});
