// A training chart as tone-tagged lines, within a given width: a title with a legend,
// an asciichart plot of the smoothed per-batch curve, the per-epoch train and validation
// values drawn over it as markers, and the epoch numbers under their markers.
// asciichart is wrapped here once: it throws on empty series, picks its own height and
// range unless told, and writes raw color codes (we read them back as tones).
import asciichart from 'asciichart';
import {asciiText} from './ascii-text.js';
import {mergeCells, type Cell, type Line, type Tone} from './cells.js';
import {columnOf, resample, smooth, type Point} from './series.js';

export type EpochPoint = {epoch: number; step: number; train: number; validation: number | null};

export type ChartOptions = {
	title: string;
	/** Raw per-batch values by global step (1-based over the whole run), sorted. */
	points: readonly Point[];
	epochs: readonly EpochPoint[];
	/** Total width in columns, labels included. */
	width: number;
	/** Rows of the plot itself (the chart adds a legend row above and an epoch row below). */
	height: number;
	min: number;
	/** The top of the axis; undefined fits the data. */
	max?: number;
	/** Axis label for a value, e.g. "2.30" or "98%". */
	format: (value: number) => string;
	ascii?: boolean;
	smoothing?: number;
	/** Charts shown side by side pass their longest title, so their legends read alike. */
	titleWidth?: number;
	/** What the plot says while there is nothing to draw. */
	placeholder?: string;
};

const unicodeSymbols = ['┼', '┤', '╶', '╴', '─', '╰', '╭', '╮', '╯', '│'] as const;
const asciiSymbols = ['+', '|', '-', '-', '-', '`', '.', '.', "'", '|'] as const;
const curveColor = asciichart.red;

export function markerSymbols(ascii = false): {curve: string; train: string; validation: string} {
	return ascii ? {curve: '-', train: 'o', validation: 'x'} : {curve: '─', train: '●', validation: '◆'};
}

/** Lines: legend, `height` plot rows, epoch numbers. Every line is at most `width` wide. */
export function renderChart(options: ChartOptions): Line[] {
	const {width, height, ascii = false} = options;
	const values = options.points.map(point => point.value);
	const lastStep = Math.max(options.points.at(-1)?.step ?? 0, options.epochs.at(-1)?.step ?? 0);
	const epochValues = options.epochs.flatMap(epoch => (epoch.validation === null ? [epoch.train] : [epoch.train, epoch.validation]));
	const min = options.min;
	let max = options.max ?? Math.max(...values, ...epochValues, min);
	if (!(max > min)) max = min + 1;
	const labels = [max, (max + min) / 2, min].map(options.format);
	const labelWidth = Math.max(...labels.map(label => label.length));
	const columns = width - labelWidth - 1;
	const legend = legendLine(options.title.padEnd(options.titleWidth ?? 0), width, ascii);
	// One batch is too little for a curve while a run goes, but a run that short has finished
	// epochs to show: its one value becomes a level line under the epoch markers.
	const drawable = options.points.length >= 2 || (options.points.length === 1 && options.epochs.length > 0);
	if (!drawable || columns < 2 || height < 2) {
		const blank = ' '.repeat(Math.max(width, 0));
		const rows: Line[] = Array.from({length: Math.max(height, 0)}, () => [{text: blank, tone: 'muted'}]);
		const message = asciiText(options.placeholder ?? 'waiting for the first batches…', ascii).slice(0, width);
		const middle = Math.floor(height / 2);
		if (rows[middle]) rows[middle] = [{text: centre(message, width), tone: 'muted'}];
		return [legend, ...rows, [{text: blank, tone: 'muted'}]];
	}

	const clamp = (value: number) => Math.min(Math.max(value, min), max);
	const smoothed = smooth(values, options.smoothing);
	const firstStep = options.points[0]!.step;
	const curve = resample(
		options.points.map((point, index) => ({step: point.step, value: clamp(smoothed[index]!)})),
		columns,
		lastStep,
	);
	const plotHeight = height - 1;
	const plot = asciichart.plot([curve], {
		min,
		max,
		height: plotHeight,
		offset: 2,
		colors: [curveColor],
		symbols: [...(ascii ? asciiSymbols : unicodeSymbols)],
		format: value => options.format(value).padStart(labelWidth),
	});
	const grid = plot.split('\n').map(row => toCells(row));

	// The same arithmetic as asciichart's, to put markers on the rows it drew.
	const ratio = plotHeight / (max - min);
	const bottom = Math.round(min * ratio);
	const rowCount = Math.abs(Math.round(max * ratio) - bottom);
	const rowOf = (value: number) => rowCount - (Math.round(clamp(value) * ratio) - bottom);
	const symbols = markerSymbols(ascii);
	const epochRow: Cell[] = Array.from({length: width}, () => ({text: ' ', tone: 'muted'}));
	let free = labelWidth;
	for (const epoch of options.epochs) {
		const column = labelWidth + columnOf(epoch.step, firstStep, lastStep, columns);
		const trainRow = rowOf(epoch.train);
		const validationRow = epoch.validation === null ? undefined : rowOf(epoch.validation);
		// On the same row the train marker steps one column left, so both stay visible.
		put(grid, trainRow, trainRow === validationRow && column > labelWidth ? column - 1 : column, {text: symbols.train, tone: 'train'});
		if (validationRow !== undefined) put(grid, validationRow, column, {text: symbols.validation, tone: 'validation'});
		const number = String(epoch.epoch);
		const start = Math.min(column - Math.floor((number.length - 1) / 2), width - number.length);
		if (start >= free) {
			for (let i = 0; i < number.length; i++) epochRow[start + i] = {text: number[i]!, tone: 'muted'};
			free = start + number.length + 1;
		}
	}
	return [legend, ...grid.map(row => mergeCells(row.slice(0, width))), mergeCells(epochRow)];
}

/** The title and a legend, in the longest wording that fits the width. */
function legendLine(title: string, width: number, ascii: boolean): Line {
	const symbols = markerSymbols(ascii);
	const wordings = [
		['batches (smoothed)', 'train (epoch)', 'validation (epoch)'],
		['batches', 'train', 'validation'],
		['batch', 'train', 'val'],
	];
	for (const [curve, train, validation] of wordings) {
		const line: Line = [
			{text: `${title}  `, tone: 'accent'},
			{text: `${symbols.curve} ${curve}`, tone: 'curve'},
			{text: '  ', tone: 'plain'},
			{text: `${symbols.train} ${train}`, tone: 'train'},
			{text: '  ', tone: 'plain'},
			{text: `${symbols.validation} ${validation}`, tone: 'validation'},
		];
		if (line.reduce((sum, cell) => sum + cell.text.length, 0) <= width) return line;
	}
	return [{text: title.trimEnd().slice(0, width), tone: 'accent'}];
}

/** Reads asciichart's output back into one cell per character: colored characters are the curve. */
function toCells(row: string): Cell[] {
	const cells: Cell[] = [];
	let tone: Tone = 'muted';
	for (const part of row.split(/(\u001B\[\d+m)/)) {
		if (part.startsWith('\u001B[')) {
			tone = part === asciichart.reset ? 'muted' : 'curve';
			continue;
		}
		for (const character of part) cells.push({text: character, tone});
	}
	return cells;
}

function put(grid: Cell[][], row: number, column: number, cell: Cell): void {
	const line = grid[row];
	if (line && column < line.length) line[column] = cell;
}

function centre(text: string, width: number): string {
	const left = Math.max(Math.floor((width - text.length) / 2), 0);
	return (' '.repeat(left) + text).padEnd(width);
}
