// The confusion matrix as a heat map: a count in every cell, shaded on two separate
// scales (correct counts on the diagonal, errors elsewhere) so that 3 confusions show up
// next to 1,000 correct. Without color it still reads: correct counts are in brackets,
// zeros are dots, and errors of at least half the largest error are starred. The same scale shades report PNGs.

/** What a cell holds; `level` is 0 for zero counts and labels, 1–4 for shaded counts. */
export type HeatKind = 'correct' | 'error' | 'zero';
export type HeatTone = HeatKind | 'label' | 'axis' | 'space';
export type HeatCell = {text: string; tone: HeatTone; level: number};
export type HeatmapLine = HeatCell[];

export type HeatScale = {correctMax: number; errorMax: number};
export type Rgb = readonly [number, number, number];

/** Shaded levels per scale (1 … heatLevels). */
export const heatLevels = 4;

// Light to dark, one hue per scale (ColorBrewer Blues and Reds); level 0 is white.
const palettes: Record<'correct' | 'error', Rgb[]> = {
	correct: [
		[255, 255, 255],
		[222, 235, 247],
		[158, 202, 225],
		[66, 146, 198],
		[8, 69, 148],
	],
	error: [
		[255, 255, 255],
		[254, 224, 210],
		[252, 146, 114],
		[239, 59, 44],
		[153, 0, 13],
	],
};

export function heatScale(matrix: readonly (readonly number[])[]): HeatScale {
	let correctMax = 0;
	let errorMax = 0;
	matrix.forEach((row, label) =>
		row.forEach((count, predicted) => {
			if (predicted === label) correctMax = Math.max(correctMax, count);
			else errorMax = Math.max(errorMax, count);
		}),
	);
	return {correctMax, errorMax};
}

export type CellHeat = {kind: HeatKind; fraction: number; level: number};

/**
 * How dark a cell is, 0–1: correct counts linearly against the largest correct count;
 * errors on a log scale against the largest error, so a single mistake is still visible.
 */
export function cellHeat(count: number, isCorrect: boolean, scale: HeatScale): CellHeat {
	if (count <= 0) return {kind: 'zero', fraction: 0, level: 0};
	const fraction = isCorrect
		? count / Math.max(scale.correctMax, 1)
		: Math.log1p(count) / Math.log1p(Math.max(scale.errorMax, 1));
	const level = Math.min(heatLevels, Math.max(1, Math.ceil(fraction * heatLevels)));
	return {kind: isCorrect ? 'correct' : 'error', fraction, level};
}

/** The color of a shaded cell, interpolated along its palette (0 = white); for pictures. */
export function heatRgb(kind: HeatKind, fraction: number): Rgb {
	if (kind === 'zero') return palettes.correct[0]!;
	const palette = palettes[kind];
	const position = Math.min(1, Math.max(0, fraction)) * (palette.length - 1);
	const below = Math.floor(position);
	const above = Math.min(palette.length - 1, below + 1);
	const t = position - below;
	return palette[below]!.map((value, i) => Math.round(value + (palette[above]![i]! - value) * t)) as unknown as Rgb;
}

/** The background of a level in the terminal ("#rrggbb"), and whether text on it must be light. */
export function heatLevelColor(kind: 'correct' | 'error', level: number): {background: string; lightText: boolean} {
	const rgb = palettes[kind][Math.min(heatLevels, Math.max(0, level))]!;
	return {background: `#${rgb.map(value => value.toString(16).padStart(2, '0')).join('')}`, lightText: needsLightText(rgb)};
}

/** Whether white text reads better than black on this background (relative luminance). */
export function needsLightText(rgb: Rgb): boolean {
	const [r, g, b] = rgb.map(value => {
		const c = value / 255;
		return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	}) as [number, number, number];
	return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.18;
}

export type HeatmapOptions = {ascii?: boolean};

/**
 * Lines of cells: an axis line, the column labels, then a row per true label. Every count
 * cell has the same width (the widest count plus two marks) and is preceded by a space.
 */
export function confusionHeatmap(matrix: readonly (readonly number[])[], {ascii = false}: HeatmapOptions = {}): HeatmapLine[] {
	const scale = heatScale(matrix);
	const digits = Math.max(1, ...matrix.flat().map(count => String(count).length));
	const cellWidth = digits + 2;
	const trueAxis = ascii ? 'true' : 'true ↓';
	const labelWidth = Math.max(trueAxis.length, String(matrix.length - 1).length + 2);
	const gap: HeatCell = {text: ' ', tone: 'space', level: 0};
	const axis: HeatmapLine = [
		{text: ' '.repeat(labelWidth), tone: 'space', level: 0},
		{text: ' ' + (ascii ? 'predicted ->' : 'predicted →'), tone: 'axis', level: 0},
	];
	const header: HeatmapLine = [
		{text: trueAxis.padEnd(labelWidth), tone: 'axis', level: 0},
		...matrix.flatMap((_, predicted) => [gap, {text: `${predicted} `.padStart(cellWidth), tone: 'label' as const, level: 0}]),
	];
	const rows = matrix.map((row, label): HeatmapLine => [
		{text: `${label}  `.padStart(labelWidth), tone: 'label', level: 0},
		...row.flatMap((count, predicted) => [gap, countCell(count, predicted === label, cellWidth, scale, ascii)]),
	]);
	return [axis, header, ...rows];
}

/** The line under the heat map that says what its marks mean (they carry it without color). */
export function heatmapLegend({ascii = false}: HeatmapOptions = {}): HeatmapLine {
	return [{text: `[n] right  *n* most confused  ${ascii ? '.' : '·'} none`, tone: 'axis', level: 0}];
}

/** The worst confusions, marked by characters so they stand out without color: at least half the largest error. */
export function isStarred(count: number, scale: HeatScale): boolean {
	return count > 0 && count * 2 >= scale.errorMax;
}

function countCell(count: number, correct: boolean, width: number, scale: HeatScale, ascii: boolean): HeatCell {
	const heat = cellHeat(count, correct, scale);
	let text: string;
	if (correct) text = `[${count}]`;
	else if (heat.kind === 'zero') text = `${ascii ? '.' : '·'} `;
	else if (isStarred(count, scale)) text = `*${count}*`;
	else text = `${count} `;
	return {text: text.padStart(width), tone: heat.kind, level: heat.level};
}

/** The heat map without shading, e.g. for tests and logs. */
export function heatmapText(lines: readonly HeatmapLine[]): string {
	return lines.map(line => line.map(cell => cell.text).join('').trimEnd()).join('\n');
}
