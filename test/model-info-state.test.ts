// The Model info screen's pure parts: the reducer of its view, how it shares the window, and
// the text it shows (layer table, training lines, history charts). No Ink here.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {detailLines, historyChart, layerName, layerTable, modelPickerTable, scrollPosition, shapeText, wrapLine} from '../source/render/model-info.js';
import {architectureText, modelInfoLayout, visibleRows} from '../source/screens/model-info/model-info-layout.js';
import {initialModelInfo, modelInfoReducer} from '../source/screens/model-info/model-info-state.js';
import type {ModelListing} from '../source/model/store.js';
import {bigDescription, description, history, layers} from './model-description.js';

const table = layerTable(layers, 216650, 78);
const details = detailLines(description);
const detailRows = (width: number) => architectureText(description, width).details.length;

describe('model info state and layout', () => {
	test('Tab switches between the architecture and the history', () => {
		assert.deepEqual(initialModelInfo, {view: 'architecture', top: 0});
		const history = modelInfoReducer(initialModelInfo, {type: 'switchView'});
		assert.deepEqual(history, {view: 'history', top: 0});
		assert.deepEqual(modelInfoReducer(history, {type: 'switchView'}), {view: 'architecture', top: 0});
	});

	test('80×24: one part at a time, the title says what Tab shows', () => {
		// 14 architecture rows (one detail line wraps at 78 columns) leave 5 for the charts: too few.
		assert.deepEqual(modelInfoLayout(80, 22, {layers: layers.length, detailRows: detailRows(80)}, 'architecture'), {
			together: false,
			showArchitecture: true,
			showHistory: false,
			layerRows: 3,
			plotHeight: 17,
			chartWidth: 38,
			tabHint: ' · Tab: training history',
		});
		assert.deepEqual(modelInfoLayout(80, 22, {layers: layers.length, detailRows: detailRows(80)}, 'history'), {
			together: false,
			showArchitecture: false,
			showHistory: true,
			layerRows: 3,
			plotHeight: 17,
			chartWidth: 38,
			tabHint: ' · Tab: architecture',
		});
	});

	test('a big window shows both, the charts at most 22 rows', () => {
		const together = {together: true, showArchitecture: true, showHistory: true, layerRows: 3, tabHint: ''};
		assert.deepEqual(modelInfoLayout(120, 38, {layers: layers.length, detailRows: detailRows(120)}, 'architecture'), {...together, plotHeight: 20, chartWidth: 58});
		assert.deepEqual(modelInfoLayout(100, 30, {layers: layers.length, detailRows: detailRows(100)}, 'history'), {...together, plotHeight: 13, chartWidth: 48});
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
			'trained 2026-01-02 03:04 UTC on native (TensorFlow) · graph trainer · took 1 min 00 s',
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

describe('a big model at 80×24', () => {
	const {table, details} = architectureText(bigDescription, 80);

	test('tfjs layer names shortened as Keras prints them; other names kept', () => {
		assert.equal(layerName('batch_normalization_BatchNormalization12', 'BatchNormalization'), 'batch_normalization_12');
		assert.equal(layerName('max_pooling2d_MaxPooling2D1', 'MaxPooling2D'), 'max_pooling2d_1');
		assert.equal(layerName('conv2d_1', 'Conv2D'), 'conv2d_1');
		assert.equal(layerName('my_dense_Conv2D1', 'Dense'), 'my_dense_Conv2D1');
	});

	test('every line of the table and the details fits 78 columns; the output layer and the total are whole', () => {
		for (const line of [...table, ...details]) assert.ok(line.length <= 78, `${line.length}: ${line}`);
		assert.equal(table.length, 24);
		assert.equal(table[1], 'conv2d_1                Conv2D               (None, 26, 26, 32)          288');
		assert.equal(table[22], 'dense_2                 Dense                (None, 10)                1,290');
		assert.equal(table[23], 'total                                                                198,442');
	});

	test('a table too wide for the window cuts names, never the parameters', () => {
		const narrow = layerTable(bigDescription.layers, 198442, 50);
		for (const line of narrow) assert.ok(line.length <= 50, `${line.length}: ${line}`);
		assert.equal(narrow[2], 'batch_n…  BatchNo…  (None, 26, 26, 32)         128');
		assert.equal(narrow.at(-1), 'total                                      198,442');
	});

	test('the details wrap between their parts, continuation lines indented', () => {
		assert.deepEqual(details, [
			'preset best · 12 epochs · batch size 128 · learning rate 0.001',
			'  validation split 0 · seed 42',
			'test accuracy 99.63% · last epoch: loss 0.1000, accuracy 97.00%',
			'trained 2026-01-02 03:04 UTC on native (TensorFlow) · graph trainer',
			'  took 2 min 33 s',
			'saved in /home/me/digits/models/best',
		]);
	});

	test('lines without parts wrap between words, a long path anywhere', () => {
		assert.deepEqual(wrapLine('one two three four', 9), ['one two', '  three', '  four']);
		assert.deepEqual(wrapLine('saved in /a/very/long/path', 12), ['saved in', '  /a/very/lo', '  ng/path']);
		assert.deepEqual(wrapLine('', 10), ['']);
	});

	test('the table scrolls in the rows left: 11 of 22 layers, and where it is', () => {
		const layout = modelInfoLayout(80, 22, {layers: 22, detailRows: details.length}, 'architecture');
		assert.equal(layout.layerRows, 11);
		// Title, blank, header, 11 layers, total, position line, 6 detail lines: 22 rows.
		assert.equal(5 + layout.layerRows + details.length, 22);
		assert.deepEqual(visibleRows(0, 11, 22), {first: 0, end: 11});
		assert.deepEqual(visibleRows(30, 11, 22), {first: 11, end: 22});
		assert.equal(scrollPosition(11, 22, 22, 'layers'), 'layers 12–22 of 22');
		assert.equal(scrollPosition(0, 3, 3, 'layers'), '');
	});

	test('scrolling stops at the first and the last row', () => {
		const scroll = (top: number, by: number) => modelInfoReducer({view: 'architecture', top}, {type: 'scroll', by, shown: 11, total: 22}).top;
		assert.equal(scroll(0, -1), 0);
		assert.equal(scroll(0, 1), 1);
		assert.equal(scroll(10, 11), 11);
		assert.equal(scroll(11, 1), 11);
		// A window grown since: the scroll starts from where the table now shows.
		assert.equal(scroll(20, -1), 10);
	});
});

describe('the model picker', () => {
	const listing = (name: string, rest: Partial<ModelListing> = {}): ModelListing => ({name, path: `/models/${name}`, meta: description.meta, isDefault: false, shipped: false, ...rest});
	const models = [listing('best', {isDefault: true, shipped: true}), listing('classic', {shipped: true}), listing('mine', {meta: null})];

	test('opens on the model in use and moves within the list', () => {
		const open = modelInfoReducer({view: 'architecture', top: 4}, {type: 'openPicker', models, current: 'classic'});
		assert.deepEqual(open.picker, {models, selected: 1});
		const down = (state: typeof open) => modelInfoReducer(state, {type: 'movePicker', by: 1});
		assert.equal(down(down(down(open))).picker?.selected, 2);
		assert.equal(modelInfoReducer(open, {type: 'movePicker', by: -5}).picker?.selected, 0);
		assert.equal(modelInfoReducer({view: 'architecture', top: 0}, {type: 'openPicker', models, current: 'gone'}).picker?.selected, 0);
	});

	test('a pick loads, then closes the picker with the new table at its top; a failed one says why and stays', () => {
		const open = modelInfoReducer({view: 'architecture', top: 4}, {type: 'openPicker', models, current: 'best'});
		const loading = modelInfoReducer(open, {type: 'pickStarted', name: 'mine'});
		assert.equal(loading.picker?.loading, 'mine');
		assert.equal(modelInfoReducer(loading, {type: 'movePicker', by: 1}), loading);
		const failed = modelInfoReducer(loading, {type: 'pickFailed', name: 'mine', message: 'model.json is damaged'});
		assert.deepEqual(failed.picker, {models, selected: 0, loading: undefined, error: 'mine could not be loaded: model.json is damaged'});
		assert.deepEqual(modelInfoReducer(loading, {type: 'closePicker'}), {view: 'architecture', top: 0, picker: undefined});
	});

	test('the table: name with what it is to the app, preset, test accuracy, date', () => {
		assert.deepEqual(modelPickerTable(models, 'classic', 78), [
			'model                      preset   test accuracy  trained (UTC)',
			'best (default, shipped)    classic  95.12%         2026-01-02 03:04',
			'classic (in use, shipped)  classic  95.12%         2026-01-02 03:04',
			'mine                       ?        not scored     ?',
		]);
		for (const line of modelPickerTable([listing('a-very-long-model-name-trained-on-a-monday')], undefined, 60)) assert.ok(line.length <= 58, line);
	});
});
