import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {classificationReport, confusionMatrix, metricsFrom, mostConfusedPairs} from '../source/model/metrics.js';
import type {ClassScores} from '../source/model/types.js';

// Four classes: 2 is never predicted, 3 is predicted once but never the true label.
const labels = [0, 0, 0, 1, 1, 2, 2];
const predicted = [0, 0, 1, 1, 3, 0, 1];
const fourClassMatrix = [
	[2, 1, 0, 0],
	[0, 1, 0, 1],
	[1, 1, 0, 0],
	[0, 0, 0, 0],
];

function assertScores(actual: ClassScores, expected: ClassScores) {
	for (const key of ['precision', 'recall', 'f1'] as const) {
		assert.ok(Math.abs(actual[key] - expected[key]) < 1e-12, `${key}: ${actual[key]} is not ${expected[key]}`);
	}

	assert.equal(actual.support, expected.support);
}

describe('confusionMatrix', () => {
	test('counts rows by true label and columns by predicted label', () => {
		assert.deepEqual(confusionMatrix(labels, predicted, 4), fourClassMatrix);
	});

	test('is 10×10 by default and takes typed arrays', () => {
		const matrix = confusionMatrix(Uint8Array.from([9, 9, 0]), Uint8Array.from([9, 4, 0]));
		assert.equal(matrix.length, 10);
		assert.ok(matrix.every(row => row.length === 10));
		assert.equal(matrix[9]![9], 1);
		assert.equal(matrix[9]![4], 1);
		assert.equal(matrix[0]![0], 1);
		assert.equal(matrix.flat().reduce((total, count) => total + count, 0), 3);
	});

	test('refuses labels and predictions that do not pair up', () => {
		assert.throws(() => confusionMatrix([1, 2], [1]), RangeError);
	});

	test('refuses a label outside the classes', () => {
		assert.throws(() => confusionMatrix([10], [0]), /label 10 .* 0–9/);
		assert.throws(() => confusionMatrix([0], [-1]), RangeError);
		assert.throws(() => confusionMatrix([1.5], [1]), RangeError);
	});
});

describe('classificationReport', () => {
	const report = classificationReport(fourClassMatrix);

	test('scores each class like scikit-learn', () => {
		assert.deepEqual(
			report.classes.map(scores => scores.label),
			[0, 1, 2, 3],
		);
		assertScores(report.classes[0]!, {precision: 2 / 3, recall: 2 / 3, f1: 2 / 3, support: 3});
		assertScores(report.classes[1]!, {precision: 1 / 3, recall: 1 / 2, f1: 2 / 5, support: 2});
	});

	test('gives 0, not NaN, for a class never predicted', () => {
		assert.deepEqual(report.classes[2], {label: 2, precision: 0, recall: 0, f1: 0, support: 2});
	});

	test('gives 0, not NaN, for a class with no support', () => {
		assert.deepEqual(report.classes[3], {label: 3, precision: 0, recall: 0, f1: 0, support: 0});
	});

	test('macro avg is the plain mean over all classes, its support the total', () => {
		assertScores(report.macroAvg, {precision: 1 / 4, recall: 7 / 24, f1: 4 / 15, support: 7});
	});

	test('weighted avg weights each class by its support', () => {
		assertScores(report.weightedAvg, {precision: 8 / 21, recall: 3 / 7, f1: 2 / 5, support: 7});
	});

	test('an empty matrix scores 0 everywhere', () => {
		const empty = classificationReport(confusionMatrix([], [], 2));
		assert.deepEqual(empty.macroAvg, {precision: 0, recall: 0, f1: 0, support: 0});
		assert.deepEqual(empty.weightedAvg, {precision: 0, recall: 0, f1: 0, support: 0});
	});
});

describe('metricsFrom', () => {
	test('gives accuracy, the 10×10 matrix and the report', () => {
		const metrics = metricsFrom(labels, predicted);
		assert.equal(metrics.accuracy, 3 / 7);
		assert.deepEqual(
			metrics.confusionMatrix.slice(0, 4).map(row => row.slice(0, 4)),
			fourClassMatrix,
		);
		assert.equal(metrics.report.classes.length, 10);
		assertScores(metrics.report.classes[1]!, {precision: 1 / 3, recall: 1 / 2, f1: 2 / 5, support: 2});
		assertScores(metrics.report.weightedAvg, {precision: 8 / 21, recall: 3 / 7, f1: 2 / 5, support: 7});
	});

	test('accuracy of no images is 0', () => {
		assert.equal(metricsFrom([], []).accuracy, 0);
	});
});

describe('mostConfusedPairs', () => {
	const matrix = [
		[5, 2, 0],
		[3, 4, 2],
		[0, 2, 6],
	];

	test('lists errors largest first, ties by true label then predicted, without empty cells', () => {
		assert.deepEqual(mostConfusedPairs(matrix), [
			{label: 1, predicted: 0, count: 3},
			{label: 0, predicted: 1, count: 2},
			{label: 1, predicted: 2, count: 2},
			{label: 2, predicted: 1, count: 2},
		]);
	});

	test('keeps the first n', () => {
		assert.deepEqual(mostConfusedPairs(matrix, 2), [
			{label: 1, predicted: 0, count: 3},
			{label: 0, predicted: 1, count: 2},
		]);
	});

	test('a perfect matrix has no confused pairs', () => {
		assert.deepEqual(
			mostConfusedPairs([
				[4, 0],
				[0, 7],
			]),
			[],
		);
	});
});
