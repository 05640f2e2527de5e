// The Model info screen's text: the layer table as Keras prints it, the lines on the settings
// and outcome of training, and the training history as charts. Pure, tested with exact strings.
import type {ModelListing} from '../model/store.js';
import type {HistoryEntry, LayerSummary, ModelDescription} from '../model/types.js';
import type {Line} from './cells.js';
import {markerSymbols, renderChart} from './chart.js';
import {backendLabel, count, counted, duration, percent} from './format.js';

/** "(None, 13, 13, 32)", as Keras prints a layer's output shape. */
export function shapeText(shape: Array<number | null>): string {
	return `(${shape.map(size => (size === null ? 'None' : String(size))).join(', ')})`;
}

/** tfjs names a layer after its class ("conv2d_Conv2D1"); Keras prints "conv2d_1", which says the same in less room. */
export function layerName(name: string, type: string): string {
	const match = /^(.+)_([A-Za-z0-9]+?)(\d+)$/.exec(name);
	return match && match[2] === type ? `${match[1]}_${match[3]}` : name;
}

/**
 * The layer table as text lines, at most `width` columns: a header, a row per layer, the
 * total. The parameters are never cut: a name or type too long for the room ends in "…".
 */
export function layerTable(layers: LayerSummary[], total: number, width: number): string[] {
	const rows = layers.map(layer => [layerName(layer.name, layer.type), layer.type, shapeText(layer.outputShape), count(layer.parameters)]);
	const header = ['layer', 'type', 'output shape', 'parameters'];
	const totalLine = ['total', '', '', count(total)];
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => row[column]!.length), totalLine[column]!.length));
	const gap = widths.reduce((sum, columnWidth) => sum + columnWidth, 0) + 3 * 3 <= width ? 3 : 2;
	// Too wide even so: the name column gives way first, then the type column, each down to 8.
	let over = widths.reduce((sum, columnWidth) => sum + columnWidth, 0) + 3 * gap - width;
	for (const column of [0, 1]) {
		const cut = Math.min(Math.max(over, 0), widths[column]! - 8);
		widths[column] = widths[column]! - Math.max(cut, 0);
		over -= Math.max(cut, 0);
	}
	const fit = (cell: string, column: number) => (cell.length > widths[column]! ? `${cell.slice(0, widths[column]! - 1)}…` : cell);
	const line = (cells: string[]) =>
		cells
			.map((cell, column) => (column === 3 ? cell.padStart(widths[3]!) : fit(cell, column).padEnd(widths[column]!)))
			.join(' '.repeat(gap));
	return [line(header), ...rows.map(line), line(totalLine)];
}

/** The settings and outcome lines under the table. */
export function detailLines(description: ModelDescription): string[] {
	const {meta} = description;
	const options = meta.options;
	const last = meta.history.at(-1);
	const trainingTime = meta.history.reduce((sum, entry) => sum + entry.seconds, 0);
	return [
		`preset ${meta.preset} · ${counted(options.epochs, 'epoch')} · batch size ${options.batchSize} · learning rate ${options.learningRate} · validation split ${options.validationSplit} · seed ${meta.seed}${options.limit ? ` · first ${count(options.limit)} images` : ''}`,
		`test accuracy ${meta.test ? percent(meta.test.accuracy) : 'not measured'}` +
			(last ? ` · last epoch: loss ${last.loss.toFixed(4)}, accuracy ${percent(last.accuracy)}` + (last.valAccuracy === null ? '' : `, validation ${percent(last.valAccuracy)}`) : ''),
		`trained ${new Date(meta.createdAt).toISOString().slice(0, 16).replace('T', ' ')} UTC on ${backendLabel(meta.backend)} · ${meta.trainer} trainer · took ${duration(trainingTime)}`,
		`saved in ${description.path}`,
	];
}

/**
 * A line broken into lines of at most `width` columns: between its " · " parts where it can,
 * else between words, else anywhere (a long path). Lines after the first are indented by two.
 */
export function wrapLine(text: string, width: number): string[] {
	const lines: string[] = [];
	let current = '';
	const room = () => width - (lines.length === 0 ? 0 : 2);
	const flush = () => {
		lines.push(lines.length === 0 ? current : `  ${current}`);
		current = '';
	};
	for (const [index, part] of text.split(' · ').entries()) {
		const joined = index === 0 ? part : `${current} · ${part}`;
		if (joined.length <= room()) {
			current = joined;
			continue;
		}
		if (index > 0) flush();
		for (const word of part.split(' ')) {
			const withWord = current === '' ? word : `${current} ${word}`;
			if (withWord.length <= room()) {
				current = withWord;
				continue;
			}
			if (current !== '') flush();
			let rest = word;
			while (rest.length > room()) {
				current = rest.slice(0, room());
				rest = rest.slice(room());
				flush();
			}
			current = rest;
		}
	}
	if (current !== '' || lines.length === 0) flush();
	return lines;
}

/** Where a scrolled list is: "layers 10–18 of 22"; empty when every row shows. */
export function scrollPosition(first: number, end: number, total: number, noun: string): string {
	return end - first >= total ? '' : `${noun} ${first + 1}–${end} of ${total}`;
}

/**
 * The model picker's table: a header, then per model its name (with what it is to the app:
 * in use, the default, shipped), preset, test accuracy and when it was trained.
 */
export function modelPickerTable(models: ModelListing[], inUse: string | undefined, width: number): string[] {
	const tags = (model: ModelListing) => [model.name === inUse && 'in use', model.isDefault && 'default', model.shipped && 'shipped'].filter(Boolean).join(', ');
	const rows = models.map(model => [
		model.name + (tags(model) ? ` (${tags(model)})` : ''),
		model.meta?.preset ?? '?',
		model.meta?.test ? percent(model.meta.test.accuracy) : 'not scored',
		typeof model.meta?.createdAt === 'string' ? model.meta.createdAt.slice(0, 16).replace('T', ' ') : '?',
	]);
	const header = ['model', 'preset', 'test accuracy', 'trained (UTC)'];
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => row[column]!.length)));
	// The name column gives way when the window is narrow.
	widths[0] = Math.max(Math.min(widths[0]!, width - 2 - (widths[1]! + widths[2]! + widths[3]! + 6)), 8);
	const fit = (cell: string, column: number) => (cell.length > widths[column]! ? `${cell.slice(0, widths[column]! - 1)}…` : cell);
	const line = (cells: string[]) => cells.map((cell, column) => fit(cell, column).padEnd(widths[column]!)).join('  ').trimEnd();
	return [line(header), ...rows.map(line)];
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
