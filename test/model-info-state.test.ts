// The Model info screen's pure parts: the reducer of its view, how it shares the window, and
// the text it shows (layer table, training lines, history charts). No Ink here.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {detailLines, historyChart, layerTable, shapeText} from '../source/render/model-info.js';
import {modelInfoLayout} from '../source/screens/model-info/model-info-layout.js';
import {initialModelInfo, modelInfoReducer} from '../source/screens/model-info/model-info-state.js';
import {description, history, layers} from './model-description.js';

const table = layerTable(layers, 216650);
const details = detailLines(description);

describe('model info state and layout', () => {
	test('Tab switches between the architecture and the history', () => {
		assert.deepEqual(initialModelInfo, {view: 'architecture'});
		const history = modelInfoReducer(initialModelInfo, {type: 'switchView'});
		assert.deepEqual(history, {view: 'history'});
		assert.deepEqual(modelInfoReducer(history, {type: 'switchView'}), {view: 'architecture'});
	});

	test('80×24: one part at a time, the title says what Tab shows', () => {
		// 15 architecture rows (two detail lines wrap at 78 columns) leave 4 for the charts: too few.
		assert.deepEqual(modelInfoLayout(80, 22, {tableRows: table.length, details}, 'architecture'), {
			together: false,
			showArchitecture: true,
			showHistory: false,
			plotHeight: 17,
			chartWidth: 38,
			tabHint: ' · Tab: training history',
		});
		assert.deepEqual(modelInfoLayout(80, 22, {tableRows: table.length, details}, 'history'), {
			together: false,
			showArchitecture: false,
			showHistory: true,
			plotHeight: 17,
			chartWidth: 38,
			tabHint: ' · Tab: architecture',
		});
	});

	test('a big window shows both, the charts at most 22 rows', () => {
		const together = {together: true, showArchitecture: true, showHistory: true, tabHint: ''};
		assert.deepEqual(modelInfoLayout(120, 38, {tableRows: table.length, details}, 'architecture'), {...together, plotHeight: 20, chartWidth: 58});
		assert.deepEqual(modelInfoLayout(100, 30, {tableRows: table.length, details}, 'history'), {...together, plotHeight: 13, chartWidth: 48});
	});
});

describe('model info text', () => {
	test('shapes as Keras prints them', () => {
		assert.equal(shapeText([null, 13, 13, 32]), '(None, 13, 13, 32)');
		assert.equal(shapeText([]), '()');
	});

	test('the layer table: header, a row per layer, the total; parameters right-aligned', () => {
		assert.deepEqual(table, [
			'layer       type      output shape         parameters',
			'conv2d_1    Conv2D    (None, 26, 26, 32)          320',
			'flatten_1   Flatten   (None, 21632)                 0',
			'dense_1     Dense     (None, 10)              216,330',
			'total                                         216,650',
		]);
	});

	test('the settings, the outcome, when and where', () => {
		assert.deepEqual(details, [
			'preset classic · 3 epochs · batch size 64 · learning rate 0.001 · validation split 0.1 · seed 5',
			'test accuracy 95.12% · last epoch: loss 0.1000, accuracy 97.00%, validation 95.00%',
			'trained 2026-01-02 03:04 UTC on native (TensorFlow) (graph trainer) in 1 min 00 s',
			'saved in /home/me/models/small',
		]);
	});

	test('the accuracy chart starts its axis below the lowest value, in steps of 5%', () => {
		const lines = historyChart(history, 'accuracy', 38, 5, false);
		assert.deepEqual(lines[0], [
			{text: 'accuracy  ', tone: 'accent'},
			{text: '─● train', tone: 'train'},
			{text: '  ◆ validation', tone: 'validation'},
		]);
		const text = lines.map(line => line.map(cell => cell.text).join(''));
		assert.deepEqual(text.slice(1), [
			'100.0%┤                               ',
			' 95.0%┤            ╭●◆─────────────●◆ ',
			' 90.0%◆    ╭───────╯                  ',
			' 85.0%●────╯                          ',
			' 80.0%┤                               ',
			'      1              2              3 ',
		]);
	});

	test('without validation the legend says so', () => {
		const trainOnly = history.slice(0, 2).map(entry => ({...entry, valLoss: null, valAccuracy: null}));
		const lines = historyChart(trainOnly, 'loss', 30, 4, true);
		assert.deepEqual(lines[0], [
			{text: 'loss  ', tone: 'accent'},
			{text: '-o train', tone: 'train'},
			{text: '  (no validation)', tone: 'muted'},
		]);
		assert.equal(lines.length, 6);
	});
});
