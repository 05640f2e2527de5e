// The Evaluate screen's pure parts: the reducer of its views, pair cursor and gallery pages,
// and how many digits the gallery fits. No Ink here.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {ConfusedPair} from '../source/model/metrics.js';
import {evaluateLayout, galleryGrid} from '../source/screens/evaluate/evaluate-layout.js';
import {currentView, evaluateReducer, initialEvaluate, type EvaluateContext, type EvaluateState} from '../source/screens/evaluate/evaluate-state.js';

const matrix = {width: 76, height: 12};
const pairs: ConfusedPair[] = [
	{label: 3, predicted: 5, count: 2},
	{label: 4, predicted: 9, count: 1},
];
/** 80×24: matrix, report, confused pairs, mistakes, a view each. */
const small: EvaluateContext = {views: evaluateLayout(80, 22, matrix).views, pairs, pages: 3};
/** 120×40: the overview (matrix + report + pairs), then the mistakes. */
const big: EvaluateContext = {views: evaluateLayout(120, 38, matrix).views, pairs, pages: 3};
const at = (view: number, more: Partial<EvaluateState> = {}): EvaluateState => ({...initialEvaluate, view, ...more});

describe('evaluate state', () => {
	test('the contexts are the windows they say', () => {
		assert.deepEqual(small.views.map(view => view.label), ['matrix', 'report', 'confused pairs', 'mistakes']);
		assert.deepEqual(big.views.map(view => view.label), ['matrix + report + confused pairs', 'mistakes']);
	});

	test('Tab and Shift+Tab cycle the views, from the last one when the window lost the chosen one', () => {
		assert.equal(evaluateReducer(at(0), {type: 'nextView', at: small}).view, 1);
		assert.equal(evaluateReducer(at(3), {type: 'nextView', at: small}).view, 0);
		assert.equal(evaluateReducer(at(0), {type: 'previousView', at: small}).view, 3);
		assert.equal(currentView(at(3), big.views), 1);
		assert.equal(evaluateReducer(at(3), {type: 'nextView', at: big}).view, 0);
		assert.equal(evaluateReducer(at(3), {type: 'previousView', at: big}).view, 0);
	});

	test('a number shows its view; one the window does not have changes nothing', () => {
		assert.equal(evaluateReducer(at(0), {type: 'showView', index: 2, at: small}).view, 2);
		const state = at(1);
		assert.equal(evaluateReducer(state, {type: 'showView', index: 2, at: big}), state);
		assert.equal(evaluateReducer(state, {type: 'showView', index: -1, at: big}), state);
	});

	test('the pair cursor moves only while the pairs are shown, and stays on the list', () => {
		const matrixView = at(0);
		assert.equal(evaluateReducer(matrixView, {type: 'select', by: 1, at: small}), matrixView);
		const down = evaluateReducer(at(2), {type: 'select', by: 1, at: small});
		assert.equal(down.selected, 1);
		assert.equal(evaluateReducer(down, {type: 'select', by: 1, at: small}).selected, 1);
		assert.equal(evaluateReducer(down, {type: 'select', by: -1, at: small}).selected, 0);
		assert.equal(evaluateReducer(at(2), {type: 'select', by: -1, at: small}).selected, 0);
		assert.equal(evaluateReducer(at(0), {type: 'select', by: 1, at: big}).selected, 1, 'the overview shows the pairs');
		assert.equal(evaluateReducer(at(2), {type: 'select', by: 1, at: {...small, pairs: []}}).selected, 0);
	});

	test('Enter on a pair opens its mistakes on the first page of the gallery', () => {
		const opened = evaluateReducer(at(2, {selected: 1, page: 2}), {type: 'openPair', at: small});
		assert.deepEqual(opened, {view: 3, selected: 1, pair: pairs[1], order: 'confidence', page: 0});
		assert.deepEqual(evaluateReducer(at(0), {type: 'openPair', at: big}), {view: 1, selected: 0, pair: pairs[0], order: 'confidence', page: 0});
		const report = at(1);
		assert.equal(evaluateReducer(report, {type: 'openPair', at: small}), report, 'not while the report is shown');
		const none = at(2);
		assert.equal(evaluateReducer(none, {type: 'openPair', at: {...small, pairs: []}}), none, 'no pair to open');
	});

	test('pages turn only in the gallery, within its pages, from the page shown', () => {
		const gallery = at(3);
		assert.equal(evaluateReducer(gallery, {type: 'turnPage', by: 1, at: small}).page, 1);
		assert.equal(evaluateReducer(at(3, {page: 2}), {type: 'turnPage', by: 1, at: small}).page, 2);
		assert.equal(evaluateReducer(gallery, {type: 'turnPage', by: -1, at: small}).page, 0);
		assert.equal(evaluateReducer(at(3, {page: 7}), {type: 'turnPage', by: -1, at: small}).page, 1, 'page 7 is shown as the last, 2');
		const matrixView = at(0);
		assert.equal(evaluateReducer(matrixView, {type: 'turnPage', by: 1, at: small}), matrixView);
	});

	test('"all" drops the pair and sorting switches the order; both start again at the first page', () => {
		const state = at(3, {pair: pairs[0], page: 1});
		assert.deepEqual(evaluateReducer(state, {type: 'all'}), {view: 3, selected: 0, pair: undefined, order: 'confidence', page: 0});
		const sorted = evaluateReducer(state, {type: 'sort'});
		assert.deepEqual(sorted, {view: 3, selected: 0, pair: pairs[0], order: 'index', page: 0});
		assert.equal(evaluateReducer(sorted, {type: 'sort'}).order, 'confidence');
	});
});

test('the gallery fits 2 digits at 80×24 and 8 at 120×40', () => {
	const tile = {width: 28, digitRows: 14};
	assert.deepEqual(evaluateLayout(80, 22, matrix).content, {width: 78, height: 16});
	assert.deepEqual(galleryGrid({width: 78, height: 16}, tile), {columns: 2, rows: 1});
	assert.deepEqual(galleryGrid({width: 118, height: 33}, tile), {columns: 4, rows: 2});
	assert.deepEqual(galleryGrid({width: 10, height: 3}, tile), {columns: 1, rows: 1}, 'at least one');
});
