// The report's pictures as numbers: ticks, scales, dashes and where the shapes go.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {classificationReport} from '../source/model/metrics.js';
import type {Evaluation, HistoryEntry, ModelMeta} from '../source/model/types.js';
import {cellHeat, heatRgb, heatScale} from '../source/render/heatmap.js';
import {colors, dashSegments, linearScale, niceTicks, type Shape} from '../source/report/picture.js';
import {reportMarkdown, trainingSummary} from '../source/report/markdown.js';
import {confusionPicture, examplesPicture, historyPicture, pictureCellHeat} from '../source/report/pictures.js';

const history: HistoryEntry[] = [
	{epoch: 1, loss: 0.25, accuracy: 0.925, valLoss: 0.08, valAccuracy: 0.975, seconds: 20},
	{epoch: 2, loss: 0.07, accuracy: 0.979, valLoss: 0.055, valAccuracy: 0.983, seconds: 20},
	{epoch: 3, loss: 0.05, accuracy: 0.985, valLoss: 0.048, valAccuracy: 0.986, seconds: 20},
];

const ofType = <T extends Shape['type']>(shapes: Shape[], type: T) => shapes.filter((shape): shape is Extract<Shape, {type: T}> => shape.type === type);
const texts = (shapes: Shape[]) => ofType(shapes, 'text').map(shape => shape.text);

describe('axes', () => {
	test('nice ticks: steps of 1, 2 or 5 × 10^n covering the data', () => {
		assert.deepEqual(niceTicks(0, 0.25), {min: 0, max: 0.3, step: 0.1, values: [0, 0.1, 0.2, 0.3], decimals: 1});
		assert.deepEqual(niceTicks(0.925, 0.99, 6).values, [0.92, 0.94, 0.96, 0.98, 1]);
		assert.deepEqual(niceTicks(1, 30, 10, {integer: true}).values, [0, 5, 10, 15, 20, 25, 30]);
		assert.deepEqual(niceTicks(1, 3, 10, {integer: true}).values, [1, 2, 3]);
		assert.equal(niceTicks(0.5, 0.5).values.length > 1, true, 'a flat series still gets an axis');
	});

	test('linear scales run either way', () => {
		const y = linearScale([0, 1], [400, 100]);
		assert.equal(y(0), 400);
		assert.equal(y(0.25), 325);
		assert.equal(y(1), 100);
	});

	test('dashes continue around corners', () => {
		const dashes = dashSegments(
			[
				[0, 0],
				[10, 0],
				[10, 10],
			],
			4,
			2,
		).map(dash => dash.map(([x, y]) => [Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000]));
		assert.deepEqual(dashes, [
			[
				[0, 0],
				[4, 0],
			],
			[
				[6, 0],
				[10, 0],
			],
			[
				[10, 2],
				[10, 6],
			],
			[
				[10, 8],
				[10, 10],
			],
		]);
	});
});

describe('historyPicture', () => {
	test('a loss and an accuracy panel, each with a solid train and a dashed validation curve', () => {
		const picture = historyPicture(history, {title: 'Training history: m', subtitle: 'preset classic'});
		assert.deepEqual([picture.width, picture.height], [1200, 520]);
		const lines = ofType(picture.shapes, 'line');
		const curves = lines.filter(line => line.points.length === 3 && (line.color === colors.train || line.color === colors.validation));
		assert.equal(curves.length, 4);
		assert.deepEqual(
			curves.map(curve => Boolean(curve.dash)),
			[false, true, false, true],
		);
		// Loss falls, so its train curve goes down the picture (y grows); accuracy rises.
		const [lossTrain, , accuracyTrain] = curves;
		assert.ok(lossTrain!.points[0]![1] < lossTrain!.points[2]![1]);
		assert.ok(accuracyTrain!.points[0]![1] > accuracyTrain!.points[2]![1]);
		// Markers: 3 epochs × 2 series × 2 panels, plus one per legend entry.
		assert.equal(ofType(picture.shapes, 'marker').length, 12 + 4);
		const labels = texts(picture.shapes);
		for (const label of ['Training history: m', 'preset classic', 'Loss (cross-entropy)', 'Accuracy', 'train', 'validation', 'epoch']) {
			assert.ok(labels.includes(label), label);
		}
		for (const tick of ['0.0', '0.1', '0.2', '0.3', '92%', '94%', '100%', '1', '2', '3']) assert.ok(labels.includes(tick), tick);
	});

	test('without a validation split there is no validation curve or legend entry', () => {
		const picture = historyPicture(
			history.map(entry => ({...entry, valLoss: null, valAccuracy: null})),
			{title: 't'},
		);
		assert.ok(!texts(picture.shapes).includes('validation'));
		assert.equal(ofType(picture.shapes, 'line').filter(line => line.dash).length, 0);
	});

	test('a single epoch is a marker in the middle of its axis', () => {
		const picture = historyPicture(history.slice(0, 1), {title: 't'});
		const markers = ofType(picture.shapes, 'marker').filter(marker => marker.y > 140);
		assert.equal(markers.length, 4);
		// The loss plot spans x = 96 … 576.
		assert.equal(markers[0]!.x, (96 + 576) / 2);
	});
});

describe('confusionPicture', () => {
	const matrix = Array.from({length: 10}, (_, label) => Array.from({length: 10}, (_, predicted) => (label === predicted ? 900 + label : (label * predicted) % 4)));

	test('a shaded cell with its count for every pair, on the heat map scales', () => {
		const picture = confusionPicture(matrix, {title: 'Confusion matrix'});
		assert.deepEqual([picture.width, picture.height], [704, 830]);
		const cells = ofType(picture.shapes, 'rect').filter(rect => rect.width === 56 && rect.height === 56);
		assert.equal(cells.length, 100);
		const scale = heatScale(matrix);
		const at = (label: number, predicted: number) => cells[label * 10 + predicted]!.fill;
		const expected = (label: number, predicted: number) => {
			const heat = pictureCellHeat(matrix[label]!, label, predicted, scale);
			return heatRgb(heat.kind, heat.fraction);
		};
		for (const [label, predicted] of [[0, 0], [9, 9], [3, 3], [1, 1], [3, 2], [2, 0]] as const) assert.deepEqual(at(label, predicted), expected(label, predicted));
		const labels = texts(picture.shapes);
		assert.ok(labels.includes('909') && labels.includes('predicted label') && labels.includes('true label'));
		assert.equal(ofType(picture.shapes, 'text').find(shape => shape.text === 'true label')?.vertical, true);
		assert.ok(labels.includes('correct: recall (share of the row)') && labels.includes('100%'), 'the legend says what the blue means');
		// The diagonal is framed, for gray print.
		assert.equal(ofType(picture.shapes, 'frame').filter(frame => frame.width === 56).length, 10);
	});
});

test('the diagonal is shaded by recall: a class with fewer images is not paler for that', () => {
	const rows = [
		[1000, 0, 0],
		[0, 500, 0],
		[0, 50, 450],
	];
	const scale = heatScale(rows);
	assert.deepEqual(pictureCellHeat(rows[0]!, 0, 0, scale), {kind: 'correct', fraction: 1, level: 4});
	assert.deepEqual(pictureCellHeat(rows[1]!, 1, 1, scale), {kind: 'correct', fraction: 1, level: 4});
	assert.deepEqual(pictureCellHeat(rows[2]!, 2, 2, scale), {kind: 'correct', fraction: 0.9, level: 4});
	assert.deepEqual(pictureCellHeat(rows[2]!, 2, 1, scale), cellHeat(50, false, scale));
	assert.deepEqual(pictureCellHeat(rows[2]!, 2, 0, scale), {kind: 'zero', fraction: 0, level: 0});
});

describe('examplesPicture', () => {
	const pixels = new Float32Array(784);
	const tile = (label: number, predicted: number) => ({pixels, label, predicted, confidence: 0.875});

	test('tiles in rows of ten under section titles; mistakes get a thicker red frame', () => {
		const picture = examplesPicture(
			[
				{title: 'Random', tiles: Array.from({length: 12}, (_, i) => tile(i % 10, i % 10))},
				{title: 'Mistakes', tiles: [tile(4, 9)]},
			],
			{title: 'Examples'},
		);
		assert.equal(picture.width, 32 * 2 + 10 * 112);
		assert.equal(picture.height, 100 + (30 + 2 * 134 + 16) + (30 + 134 + 16) + 8);
		assert.equal(ofType(picture.shapes, 'gray').length, 13);
		const frames = ofType(picture.shapes, 'frame');
		assert.deepEqual(
			frames.map(frame => frame.thickness),
			[...Array.from({length: 12}, () => 2), 4],
		);
		const labels = texts(picture.shapes);
		assert.ok(labels.includes('true 4 -> 9'));
		assert.ok(labels.includes('3  ok'));
		assert.ok(labels.includes('87.5%'));
	});
});

describe('reportMarkdown', () => {
	const matrix = [
		[8, 2],
		[0, 10],
	].map(row => [...row, ...Array.from<number>({length: 8}).fill(0)]);
	const full = [...matrix, ...Array.from({length: 8}, () => Array.from<number>({length: 10}).fill(0))];
	const evaluation = {
		backend: 'tensorflow',
		model: 'm',
		path: '/models/m',
		accuracy: 0.9,
		confusionMatrix: full,
		report: classificationReport(full),
		labels: new Uint8Array(20),
		predicted: new Uint8Array(20),
		confidences: new Float32Array(20),
	} satisfies Evaluation;
	const meta = {
		name: 'm',
		preset: 'classic',
		options: {preset: 'classic', epochs: 3, batchSize: 128, learningRate: 0.001, validationSplit: 0.1, seed: 7},
		seed: 7,
		trainer: 'graph',
		backend: 'tensorflow',
		versions: {},
		createdAt: '2026-11-20T10:30:00.000Z',
		history,
		test: {accuracy: 0.9},
	} satisfies ModelMeta;

	test('headline numbers, pictures, confused pairs and the scikit-learn report', () => {
		const markdown = reportMarkdown({evaluation, meta, createdAt: new Date('2026-11-21T08:00:00Z')});
		assert.ok(markdown.includes('| accuracy | **90.00%** (18 of 20 test images) |'));
		assert.ok(markdown.includes('| mistakes | 2 |'));
		assert.ok(markdown.includes('| last validation accuracy | 98.60% |'));
		assert.ok(markdown.includes('| trained | 2026-11-20 10:30 on native (TensorFlow) |'));
		assert.ok(markdown.includes('| 0 | 1 | 2 |'));
		assert.ok(markdown.includes('![Loss and accuracy per epoch, train vs validation](history.png)'));
		assert.ok(markdown.includes('    accuracy                         0.9000        20'));
	});

	test('the training summary says what was set', () => {
		assert.equal(trainingSummary(meta), 'preset classic, 3 epochs, batch 128, learning rate 0.001, validation split 0.1, seed 7');
		assert.equal(
			trainingSummary({...meta, history: history.slice(0, 1), options: {...meta.options, validationSplit: 0, limit: 600}}),
			'preset classic, 1 epoch, batch 128, learning rate 0.001, no validation split, seed 7, first 600 training images',
		);
	});
});
