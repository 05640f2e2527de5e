// The report's three pictures laid out as shapes (see picture.ts): the training history
// (loss and accuracy per epoch, train vs validation), the confusion matrix as a heat map
// with counts, and a grid of test digits with their labels. Numbers only; no pixels here.
import type {HistoryEntry} from '../model/types.js';
import {cellHeat, heatRgb, heatScale, needsLightText, type CellHeat, type HeatScale} from '../render/heatmap.js';
import {
	approximateTextWidth,
	colors,
	linearScale,
	niceTicks,
	type FontSize,
	type Picture,
	type Rgb,
	type Shape,
	type Ticks,
} from './picture.js';
import {imageSide} from '../digit-size.js';

type Box = {x: number; y: number; width: number; height: number};

const text = (
	x: number,
	y: number,
	content: string,
	size: FontSize,
	{color = colors.ink, align = 'left', valign = 'top', vertical = false}: Partial<Pick<Extract<Shape, {type: 'text'}>, 'color' | 'align' | 'valign' | 'vertical'>> = {},
): Shape => ({type: 'text', x, y, text: content, size, color, align, valign, ...(vertical ? {vertical} : {})});

const fixed = (value: number, decimals: number) => value.toFixed(decimals);

// ---------------------------------------------------------------- training history

export type HistoryPictureOptions = {title: string; subtitle?: string; width?: number; height?: number};

type Series = {name: string; color: Rgb; dash?: readonly [number, number]; marker: 'circle' | 'square'; values: Array<number | null>};

/** Two panels side by side: loss and accuracy per epoch, train (solid, circles) vs validation (dashed, squares). */
export function historyPicture(history: readonly HistoryEntry[], options: HistoryPictureOptions): Picture {
	const width = options.width ?? 1200;
	const height = options.height ?? 520;
	const shapes: Shape[] = [text(32, 20, options.title, 32)];
	if (options.subtitle) shapes.push(text(32, 62, options.subtitle, 16, {color: colors.axis}));
	const top = 100;
	const panelWidth = (width - 32 * 3) / 2;
	const panels: Array<{title: string; train: Series['values']; validation: Series['values']; ticks: Ticks; format: (value: number) => string}> = [];
	const losses = history.flatMap(entry => [entry.loss, entry.valLoss]).filter(isNumber);
	const accuracies = history.flatMap(entry => [entry.accuracy, entry.valAccuracy]).filter(isNumber);
	const lossTicks = niceTicks(0, Math.max(...losses, 0), 6);
	const accuracyTicks = accuracyAxis(accuracies);
	panels.push({title: 'Loss (cross-entropy)', train: history.map(entry => entry.loss), validation: history.map(entry => entry.valLoss), ticks: lossTicks, format: value => fixed(value, lossTicks.decimals)});
	panels.push({
		title: 'Accuracy',
		train: history.map(entry => entry.accuracy),
		validation: history.map(entry => entry.valAccuracy),
		ticks: accuracyTicks,
		format: value => `${fixed(value * 100, Math.max(0, accuracyTicks.decimals - 2))}%`,
	});
	panels.forEach((panel, i) => {
		const box = {x: 32 + i * (panelWidth + 32), y: top, width: panelWidth, height: height - top - 16};
		const series: Series[] = [{name: 'train', color: colors.train, marker: 'circle', values: panel.train}];
		if (panel.validation.some(isNumber)) series.push({name: 'validation', color: colors.validation, dash: [9, 6], marker: 'square', values: panel.validation});
		shapes.push(...historyPanel(box, panel.title, history.map(entry => entry.epoch), series, panel.ticks, panel.format));
	});
	return {width, height, background: colors.white, shapes};
}

/** From a round value below the lowest accuracy up to 100% at most. */
function accuracyAxis(values: number[]): Ticks {
	if (values.length === 0) return niceTicks(0, 1, 6);
	const ticks = niceTicks(Math.min(...values), Math.max(...values), 6);
	if (ticks.max <= 1 && ticks.min >= 0) return ticks;
	return niceTicks(Math.max(0, ticks.min), Math.min(1, ticks.max), 6);
}

function historyPanel(box: Box, title: string, epochs: number[], series: Series[], yTicks: Ticks, format: (value: number) => string): Shape[] {
	const shapes: Shape[] = [text(box.x, box.y, title, 16)];
	// The legend, right-aligned on the title's line: a stroke with its marker, then the name.
	const entryWidth = (entry: Series) => 30 + 8 + approximateTextWidth(entry.name, 14);
	let legendX = box.x + box.width - series.reduce((total, entry) => total + entryWidth(entry), 0) - 20 * (series.length - 1);
	for (const entry of series) {
		const y = box.y + 10;
		shapes.push({type: 'line', points: [[legendX, y], [legendX + 30, y]], color: entry.color, width: 2.5, ...(entry.dash ? {dash: entry.dash} : {})});
		shapes.push({type: 'marker', x: legendX + 15, y, shape: entry.marker, size: 9, color: entry.color});
		shapes.push(text(legendX + 38, y, entry.name, 14, {valign: 'middle'}));
		legendX += entryWidth(entry) + 20;
	}

	const plot = {left: box.x + 64, right: box.x + box.width - 8, top: box.y + 36, bottom: box.y + box.height - 44};
	const first = epochs[0] ?? 1;
	const last = epochs.at(-1) ?? 1;
	const xDomain: [number, number] = last > first ? [first, last] : [first - 0.5, first + 0.5];
	const xTicks = last > first ? niceTicks(first, last, 10, {integer: true}).values.filter(value => value >= first && value <= last) : [first];
	const inset = 14;
	const x = linearScale(xDomain, [plot.left + inset, plot.right - inset]);
	const y = linearScale([yTicks.min, yTicks.max], [plot.bottom, plot.top]);

	for (const value of yTicks.values) {
		shapes.push({type: 'line', points: [[plot.left, y(value)], [plot.right, y(value)]], color: colors.grid, width: 1});
		shapes.push(text(plot.left - 8, y(value), format(value), 14, {align: 'right', valign: 'middle', color: colors.axis}));
	}
	for (const epoch of xTicks) {
		shapes.push({type: 'line', points: [[x(epoch), plot.bottom], [x(epoch), plot.bottom + 5]], color: colors.axis, width: 1});
		shapes.push(text(x(epoch), plot.bottom + 8, String(epoch), 14, {align: 'center', color: colors.axis}));
	}
	shapes.push({type: 'line', points: [[plot.left, plot.top], [plot.left, plot.bottom], [plot.right, plot.bottom]], color: colors.axis, width: 1});
	shapes.push(text((plot.left + plot.right) / 2, plot.bottom + 26, 'epoch', 14, {align: 'center', color: colors.axis}));
	if (epochs.length === 0) {
		shapes.push(text((plot.left + plot.right) / 2, (plot.top + plot.bottom) / 2, 'no finished epochs', 16, {align: 'center', valign: 'middle', color: colors.muted}));
	}

	for (const entry of series) {
		const points = epochs.flatMap((epoch, i) => {
			const value = entry.values[i];
			return isNumber(value) ? [[x(epoch), y(value)] as const] : [];
		});
		if (points.length > 1) shapes.push({type: 'line', points, color: entry.color, width: 2.5, ...(entry.dash ? {dash: entry.dash} : {})});
		// Markers only while they stay apart; past that the curve alone reads better.
		const spacing = (plot.right - plot.left - 2 * inset) / Math.max(1, last - first);
		if (spacing >= 10 || points.length === 1) {
			for (const [px, py] of points) shapes.push({type: 'marker', x: px, y: py, shape: entry.marker, size: 9, color: entry.color});
		}
	}
	return shapes;
}

function isNumber(value: number | null | undefined): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}

// ---------------------------------------------------------------- confusion matrix

export type ConfusionPictureOptions = {title: string; subtitle?: string; cellSize?: number};

/**
 * The heat map with a count in every cell: the diagonal shaded by recall, the errors on the
 * terminal heat map's log scale; the diagonal is framed, so it stands out in gray print too. Legends for both scales below.
 */
export function confusionPicture(matrix: readonly (readonly number[])[], options: ConfusionPictureOptions): Picture {
	const cell = options.cellSize ?? 56;
	const classes = matrix.length;
	const grid = {x: 104, y: 150, size: cell * classes};
	const width = Math.max(grid.x + grid.size + 40, 640);
	const height = grid.y + grid.size + 120;
	const scale = heatScale(matrix);
	const shapes: Shape[] = [text(32, 20, options.title, 32)];
	if (options.subtitle) shapes.push(text(32, 62, options.subtitle, 16, {color: colors.axis}));
	shapes.push(text(grid.x + grid.size / 2, grid.y - 52, 'predicted label', 16, {align: 'center', valign: 'middle'}));
	shapes.push(text(grid.x - 70, grid.y + grid.size / 2, 'true label', 16, {align: 'center', valign: 'middle', vertical: true}));

	matrix.forEach((row, label) => {
		const rowY = grid.y + label * cell;
		shapes.push(text(grid.x - 14, rowY + cell / 2, String(label), 16, {align: 'right', valign: 'middle'}));
		shapes.push(text(grid.x + label * cell + cell / 2, grid.y - 14, String(label), 16, {align: 'center', valign: 'bottom'}));
		row.forEach((count, predicted) => {
			const x = grid.x + predicted * cell;
			const heat = pictureCellHeat(row, label, predicted, scale);
			const fill = heatRgb(heat.kind, heat.fraction);
			shapes.push({type: 'rect', x, y: rowY, width: cell, height: cell, fill});
			const color = heat.kind === 'zero' ? colors.muted : needsLightText(fill) ? colors.white : colors.ink;
			shapes.push(text(x + cell / 2, rowY + cell / 2, String(count), heat.kind === 'zero' ? 14 : 16, {align: 'center', valign: 'middle', color}));
		});
	});
	// Thin lines between the cells, then the frame of the diagonal on top.
	for (let i = 0; i <= classes; i++) {
		const at = grid.y + i * cell;
		shapes.push({type: 'line', points: [[grid.x, at], [grid.x + grid.size, at]], color: colors.grid, width: 1});
		const across = grid.x + i * cell;
		shapes.push({type: 'line', points: [[across, grid.y], [across, grid.y + grid.size]], color: colors.grid, width: 1});
	}
	for (let i = 0; i < classes; i++) {
		shapes.push({type: 'frame', x: grid.x + i * cell, y: grid.y + i * cell, width: cell, height: cell, color: colors.ink, thickness: 2});
	}

	const legendY = grid.y + grid.size + 40;
	const legendWidth = Math.min(220, (grid.size - 40) / 2);
	shapes.push(...scaleLegend({x: grid.x, y: legendY, width: legendWidth}, 'correct: recall (share of the row)', 'correct', ['0%', '100%']));
	shapes.push(...scaleLegend({x: grid.x + grid.size - legendWidth, y: legendY, width: legendWidth}, 'errors (log scale)', 'error', ['1', scale.errorMax.toLocaleString('en-US')]));
	return {width, height, background: colors.white, shapes};
}

/**
 * How a cell of the picture is shaded: the diagonal by recall (the share of its row), so that
 * a class with fewer test images does not look worse; errors on the heat map's log scale.
 */
export function pictureCellHeat(row: readonly number[], label: number, predicted: number, scale: HeatScale): CellHeat {
	const count = row[predicted] ?? 0;
	if (predicted !== label) return cellHeat(count, false, scale);
	return cellHeat(count, true, {...scale, correctMax: row.reduce((total, each) => total + each, 0)});
}

function scaleLegend(at: {x: number; y: number; width: number}, title: string, kind: 'correct' | 'error', [low, high]: readonly [string, string]): Shape[] {
	const steps = 40;
	const barHeight = 14;
	const shapes: Shape[] = [text(at.x, at.y, title, 14)];
	for (let i = 0; i < steps; i++) {
		const x0 = at.x + Math.round((i * at.width) / steps);
		const x1 = at.x + Math.round(((i + 1) * at.width) / steps);
		shapes.push({type: 'rect', x: x0, y: at.y + 22, width: x1 - x0, height: barHeight, fill: heatRgb(kind, (i + 0.5) / steps)});
	}
	shapes.push({type: 'frame', x: at.x, y: at.y + 22, width: at.width, height: barHeight, color: colors.muted, thickness: 1});
	shapes.push(text(at.x, at.y + 22 + barHeight + 4, low, 12, {color: colors.axis}));
	shapes.push(text(at.x + at.width, at.y + 22 + barHeight + 4, high, 12, {align: 'right', color: colors.axis}));
	return shapes;
}

// ---------------------------------------------------------------- example digits

export type ExampleTile = {pixels: ArrayLike<number>; label: number; predicted: number; confidence: number};
export type ExampleSection = {title: string; tiles: readonly ExampleTile[]};
export type ExamplesPictureOptions = {title: string; subtitle?: string; columns?: number; scale?: number};

/** Sections of digit tiles: each digit as the model saw it, framed green when right, red (thick) when wrong, with labels under it. */
export function examplesPicture(sections: readonly ExampleSection[], options: ExamplesPictureOptions): Picture {
	const columns = options.columns ?? 10;
	const scale = options.scale ?? 3;
	const image = imageSide * scale;
	const tile = {width: image + 28, height: image + 8 + 42};
	const left = 32;
	const width = left * 2 + columns * tile.width;
	const shapes: Shape[] = [text(left, 20, options.title, 32)];
	if (options.subtitle) shapes.push(text(left, 62, options.subtitle, 16, {color: colors.axis}));
	let y = 100;
	for (const section of sections) {
		shapes.push(text(left, y, section.title, 16));
		y += 30;
		section.tiles.forEach((example, i) => {
			const x = left + (i % columns) * tile.width + (tile.width - image) / 2;
			const top = y + Math.floor(i / columns) * tile.height;
			shapes.push(...exampleTile(example, x, top, image, scale));
		});
		y += Math.max(1, Math.ceil(section.tiles.length / columns)) * tile.height + 16;
		if (section.tiles.length === 0) shapes.push(text(left, y - tile.height - 8, 'none', 14, {color: colors.muted}));
	}
	return {width, height: y + 8, background: colors.white, shapes};
}

function exampleTile(example: ExampleTile, x: number, y: number, image: number, scale: number): Shape[] {
	const right = example.label === example.predicted;
	const frame = right ? 2 : 4;
	const color = right ? colors.correct : colors.wrong;
	const caption = right ? `${example.label}  ok` : `true ${example.label} -> ${example.predicted}`;
	const center = x + image / 2;
	return [
		{type: 'gray', x, y, pixels: example.pixels, columns: imageSide, rows: imageSide, scale},
		{type: 'frame', x: x - frame, y: y - frame, width: image + 2 * frame, height: image + 2 * frame, color, thickness: frame},
		{type: 'rect', x: x - frame, y: y + image + frame, width: image + 2 * frame, height: 38, fill: right ? colors.correctBand : colors.wrongBand},
		text(center, y + image + frame + 2, caption, 14, {align: 'center'}),
		text(center, y + image + frame + 20, `${fixed(example.confidence * 100, 1)}%`, 14, {align: 'center', color: colors.axis}),
	];
}
