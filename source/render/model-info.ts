// The Model info screen's text: the layer table as Keras prints it, the lines on the settings
// and outcome of training, and the training history as charts. Pure, tested with exact strings.
import type {HistoryEntry, LayerSummary, ModelDescription} from '../model/types.js';
import type {Line} from './cells.js';
import {markerSymbols, renderChart} from './chart.js';
import {backendLabel, count, duration, percent} from './format.js';

/** "(None, 13, 13, 32)", as Keras prints a layer's output shape. */
export function shapeText(shape: Array<number | null>): string {
	return `(${shape.map(size => (size === null ? 'None' : String(size))).join(', ')})`;
}

/** The layer table as text lines: a header, a row per layer, the total. */
export function layerTable(layers: LayerSummary[], total: number): string[] {
	const rows = layers.map(layer => [layer.name, layer.type, shapeText(layer.outputShape), count(layer.parameters)]);
	const header = ['layer', 'type', 'output shape', 'parameters'];
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => row[column]!.length)));
	const line = (cells: string[]) => cells.map((cell, column) => (column === 3 ? cell.padStart(widths[3]!) : cell.padEnd(widths[column]!))).join('   ');
	const totalLine = ['total', '', '', count(total)];
	return [line(header), ...rows.map(line), line(totalLine)];
}

/** The settings and outcome lines under the table. */
export function detailLines(description: ModelDescription): string[] {
	const {meta} = description;
	const options = meta.options;
	const last = meta.history.at(-1);
	const trainingTime = meta.history.reduce((sum, entry) => sum + entry.seconds, 0);
	return [
		`preset ${meta.preset} · ${options.epochs} epoch${options.epochs === 1 ? '' : 's'} · batch size ${options.batchSize} · learning rate ${options.learningRate} · validation split ${options.validationSplit} · seed ${meta.seed}${options.limit ? ` · first ${count(options.limit)} images` : ''}`,
		`test accuracy ${meta.test ? percent(meta.test.accuracy) : 'not measured'}` +
			(last ? ` · last epoch: loss ${last.loss.toFixed(4)}, accuracy ${percent(last.accuracy)}` + (last.valAccuracy === null ? '' : `, validation ${percent(last.valAccuracy)}`) : ''),
		`trained ${new Date(meta.createdAt).toISOString().slice(0, 16).replace('T', ' ')} UTC on ${backendLabel(meta.backend)} (${meta.trainer} trainer) in ${duration(trainingTime)}`,
		`saved in ${description.path}`,
	];
}

/** A history chart: the train values joined by a line, validation as markers, the epochs below. */
export function historyChart(history: HistoryEntry[], metric: 'loss' | 'accuracy', width: number, height: number, ascii: boolean): Line[] {
	const symbols = markerSymbols(ascii);
	const validation = metric === 'loss' ? (entry: HistoryEntry) => entry.valLoss : (entry: HistoryEntry) => entry.valAccuracy;
	const lines = renderChart({
		title: metric,
		points: history.map(entry => ({step: entry.epoch, value: entry[metric]})),
		epochs: history.map(entry => ({epoch: entry.epoch, step: entry.epoch, train: entry[metric], validation: validation(entry)})),
		width,
		height,
		min: metric === 'accuracy' ? accuracyFloor(history) : 0,
		max: metric === 'accuracy' ? 1 : undefined,
		format: metric === 'accuracy' ? value => `${(value * 100).toFixed(1)}%` : value => value.toFixed(2),
		ascii,
		smoothing: 0,
	});
	const hasValidation = history.some(entry => validation(entry) !== null);
	const legend: Line = [
		{text: `${metric}  `, tone: 'accent'},
		{text: `${symbols.curve}${symbols.train} train`, tone: 'train'},
		{text: hasValidation ? `  ${symbols.validation} validation` : '  (no validation)', tone: hasValidation ? 'validation' : 'muted'},
	];
	return [legend, ...lines.slice(1)];
}

/** The accuracy axis starts a little below the lowest value (in steps of 5%), so the epochs' gains show. */
function accuracyFloor(history: HistoryEntry[]): number {
	const lowest = Math.min(...history.flatMap(entry => (entry.valAccuracy === null ? [entry.accuracy] : [entry.accuracy, entry.valAccuracy])));
	return Math.max(0, Math.floor((lowest - 0.01) * 20) / 20);
}
