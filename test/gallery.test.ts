import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {gridSize, misclassified, pageOf, predictionCaption, randomIndices, runnerUp} from '../source/render/gallery.js';

const results = {
	labels: Uint8Array.from([7, 2, 1, 4, 4, 9, 4]),
	predicted: Uint8Array.from([7, 3, 1, 9, 9, 4, 9]),
	confidences: Float32Array.from([0.99, 0.6, 0.98, 0.75, 0.95, 0.5, 0.75]),
};

describe('gallery', () => {
	test('the mistakes, most confident first (ties in test order), or in test order', () => {
		assert.deepEqual(
			misclassified(results).map(image => image.index),
			[4, 3, 6, 1, 5],
		);
		assert.deepEqual(
			misclassified(results, {order: 'index'}).map(image => image.index),
			[1, 3, 4, 5, 6],
		);
		assert.deepEqual(misclassified(results)[0], {index: 4, label: 4, predicted: 9, confidence: Math.fround(0.95)});
	});

	test('one confused pair only', () => {
		assert.deepEqual(
			misclassified(results, {pair: {label: 4, predicted: 9}}).map(image => image.index),
			[4, 3, 6],
		);
		assert.deepEqual(misclassified(results, {pair: {label: 0, predicted: 6}}), []);
	});

	test('pages are clamped and there is always one', () => {
		const items = [1, 2, 3, 4, 5];
		assert.deepEqual(pageOf(items, 0, 2), {items: [1, 2], page: 0, pages: 3, first: 0});
		assert.deepEqual(pageOf(items, 2, 2), {items: [5], page: 2, pages: 3, first: 4});
		assert.deepEqual(pageOf(items, 9, 2), {items: [5], page: 2, pages: 3, first: 4});
		assert.deepEqual(pageOf(items, -1, 2).page, 0);
		assert.deepEqual(pageOf([], 3, 4), {items: [], page: 0, pages: 1, first: 0});
	});

	test('a grid fills the area with whole tiles and gaps between them', () => {
		// 28-wide tiles with 2 columns between: 3 tiles need 88 columns.
		assert.deepEqual(gridSize({width: 88, height: 15}, {width: 28, height: 15}), {columns: 3, rows: 1});
		assert.deepEqual(gridSize({width: 87, height: 31}, {width: 28, height: 15}), {columns: 2, rows: 2});
		assert.deepEqual(gridSize({width: 10, height: 5}, {width: 28, height: 15}), {columns: 1, rows: 1});
	});

	test('a random draw is distinct indices, the same for the same seed', () => {
		const draw = randomIndices(10_000, 20, 1);
		assert.equal(new Set(draw).size, 20);
		assert.ok(draw.every(index => index >= 0 && index < 10_000));
		assert.deepEqual(randomIndices(10_000, 20, 1), draw);
		assert.notDeepEqual(randomIndices(10_000, 20, 2), draw);
		assert.equal(randomIndices(3, 20, 1).length, 3);
	});

	test('the runner-up is the second most probable digit of a row', () => {
		const probabilities = [0.1, 0, 0, 0, 0, 0, 0, 0.85, 0.05, 0, /* row 1 */ 0.9, 0.02, 0, 0, 0, 0.08, 0, 0, 0, 0];
		assert.deepEqual(runnerUp(probabilities, 0), {digit: 0, probability: 0.1});
		assert.deepEqual(runnerUp(probabilities, 1), {digit: 5, probability: 0.08});
	});

	test('captions say what was right and what was wrong', () => {
		assert.equal(predictionCaption({label: 7, predicted: 7, confidence: 0.998}), '7 ✓ 99.8%');
		assert.equal(predictionCaption({label: 4, predicted: 9, confidence: 0.87}), 'true 4 → 9 87.0%');
		assert.equal(predictionCaption({label: 4, predicted: 9, confidence: 0.87}, {ascii: true}), 'true 4 -> 9 87.0%');
	});
});
