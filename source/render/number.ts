// A number reading as text: each digit's box drawn around its ink on a half-block picture
// (the number canvas, a Load image preview), the digit read under each box, the whole number
// in block letters, and what the reading says. Pure, so it is tested without Ink.
import type {Box, NumberReading} from '../image/number.js';
import {bigDigit, BIG_DIGIT_COLUMNS, BIG_DIGIT_ROWS} from './big-digit.js';
import {bigText} from './big-text.js';
import type {Tone} from './cells.js';
import {mergeSegments, type DigitLine, type DigitSegment} from './digit.js';
import {UNSURE_BELOW} from './probability-bars.js';
import {renderCanvas, type CanvasRenderOptions} from './sketch-canvas.js';
import {previewSize, renderPreview} from './load-image.js';
import type {GrayImage} from '../image/load.js';
import type {ColorLevel} from './digit.js';
import {imageSide} from '../digit-size.js';

/** A cell of a half-block picture: its column, and its row (two pixel rows each). */
type Cell = {column: number; row: number};

/**
 * The outline of each box, one pixel outside its ink, as characters on a half-block grid of
 * `columns` × `rows` cells (keys `row * columns + column`); boxes are in pixels, `scale`
 * cells per pixel across (a shrunk preview has less than 1).
 */
export function boxOutlines(boxes: readonly Box[], columns: number, rows: number, {scale = 1, ascii = false}: {scale?: number; ascii?: boolean} = {}): Map<number, string> {
	const [horizontal, vertical, corners] = ascii ? ['-', '|', ['+', '+', '+', '+']] : ['─', '│', ['┌', '┐', '└', '┘']];
	const marks = new Map<number, string>();
	const clampColumn = (value: number) => Math.min(columns - 1, Math.max(0, value));
	const clampRow = (value: number) => Math.min(rows - 1, Math.max(0, value));
	for (const box of boxes) {
		const left = clampColumn(Math.floor(box.x * scale) - 1);
		const right = clampColumn(Math.ceil((box.x + box.width) * scale));
		const top = clampRow(Math.floor((box.y * scale) / 2) - 1);
		const bottom = clampRow(Math.floor(((box.y + box.height) * scale - 1) / 2) + 1);
		const put = ({column, row}: Cell, mark: string) => marks.set(row * columns + column, mark);
		for (let column = left + 1; column < right; column++) {
			put({column, row: top}, horizontal);
			put({column, row: bottom}, horizontal);
		}
		for (let row = top + 1; row < bottom; row++) {
			put({column: left, row}, vertical);
			put({column: right, row}, vertical);
		}
		put({column: left, row: top}, corners[0]!);
		put({column: right, row: top}, corners[1]!);
		put({column: left, row: bottom}, corners[2]!);
		put({column: right, row: bottom}, corners[3]!);
	}
	return marks;
}

/**
 * Lines of a one-character-per-cell picture with `marks` drawn over it in `color` (on the
 * cell's own background); `keep(cell)` leaves a cell as it is (ink, the cursor).
 */
export function overlayMarks(lines: readonly DigitLine[], marks: ReadonlyMap<number, string>, {color, keep}: {color?: string; keep?: (cell: Cell) => boolean} = {}): DigitLine[] {
	return lines.map((line, row) => {
		const cells: DigitSegment[] = line.flatMap(segment => [...segment.text].map(text => ({...segment, text})));
		const columns = cells.length;
		const marked = cells.map((cell, column) => {
			const mark = marks.get(row * columns + column);
			if (mark === undefined || keep?.({column, row})) return cell;
			return color === undefined ? {text: mark, bg: cell.bg} : {text: mark, fg: color, bg: cell.bg};
		});
		return mergeSegments(marked);
	});
}

/** The label under a digit's box: the digit, "?" after it when the model is unsure, its confidence when there is room. */
function digitLabel(digit: {digit: number; confidence: number}, room: number): string {
	const short = `${digit.digit}${digit.confidence < UNSURE_BELOW ? '?' : ''}`;
	const long = `${short} ${Math.round(digit.confidence * 100)}%`;
	return long.length <= room ? long : short;
}

/** One row `width` wide with each digit's label centered under its box (boxes in pixels, `scale` columns each); a label that would run into the one before is left out. */
export function digitLabels(digits: ReadonlyArray<{digit: number; confidence: number; box: Box}>, width: number, scale = 1): string {
	const row = Array.from({length: width}, () => ' ');
	let free = 0;
	for (const digit of digits) {
		const left = Math.floor(digit.box.x * scale);
		const boxWidth = Math.max(1, Math.round(digit.box.width * scale));
		const label = digitLabel(digit, boxWidth + 2);
		const start = Math.max(free, Math.min(width - label.length, left + Math.floor((boxWidth - label.length) / 2)));
		if (start < 0 || start + label.length > width) continue;
		[...label].forEach((character, index) => (row[start + index] = character));
		free = start + label.length + 1;
	}
	return row.join('');
}

/** The number in block letters: 7 rows of 10-column digits when `rows` and `width` allow (and there is no "."), else 3 rows. */
export function bigNumber(number: string, {width, rows, ascii = false}: {width: number; rows: number; ascii?: boolean}): string[] {
	const large = rows >= BIG_DIGIT_ROWS && !number.includes('.') && number.length * (BIG_DIGIT_COLUMNS + 2) - 2 <= width;
	if (!large) return bigText(number, {ascii});
	const glyphs = [...number].map(digit => bigDigit(digit, ascii));
	return Array.from({length: BIG_DIGIT_ROWS}, (_, row) => glyphs.map(glyph => glyph[row]).join('  '));
}

/** What a number reading says, line by line: the number and how sure, or why there is none. */
export function numberVerdict(reading: NumberReading | null, {error, idle = 'draw a number'}: {error?: string; idle?: string} = {}): Array<{text: string; tone: Tone}> {
	if (error) return [{text: `cannot read: ${error}`, tone: 'bad'}];
	if (!reading) return [{text: idle, tone: 'muted'}];
	const count = reading.digits.length;
	const unsure = reading.digits.filter(digit => digit.confidence < UNSURE_BELOW).length;
	const sure = `${(reading.confidence * 100).toFixed(1)}% sure`;
	const digits = `${count} digit${count === 1 ? '' : 's'}`;
	if (unsure > 0) return [{text: `reads ${reading.number}, not sure of ${unsure} digit${unsure === 1 ? '' : 's'}`, tone: 'warn'}, {text: `${digits}, ${sure}`, tone: 'muted'}];
	return [{text: `reads ${reading.number}`, tone: 'ok'}, {text: `${digits}, ${sure}`, tone: 'plain'}];
}

/** A cell counts as ink (the outline goes around it) from this level of either of its pixels. */
const INK_UNDER = 0.25;

/** The number canvas in half blocks with each digit's box around its ink; ink and the cursor stay on top. */
export function renderNumberCanvas(pixels: Float32Array, boxes: readonly Box[], options: Omit<CanvasRenderOptions, 'scale'> & {boxColor?: string}): DigitLine[] {
	const width = pixels.length / imageSide;
	const lines = renderCanvas(pixels, {...options, scale: 1});
	const marks = boxOutlines(boxes, width, imageSide / 2, {ascii: options.ascii});
	const inked = ({column, row}: Cell) => (pixels[2 * row * width + column] ?? 0) >= INK_UNDER || (pixels[(2 * row + 1) * width + column] ?? 0) >= INK_UNDER;
	const cursor = ({column, row}: Cell) => options.cursor?.x === column && Math.floor(options.cursor.y / 2) === row;
	const color = options.colorLevel === 'none' || options.ascii ? undefined : options.boxColor;
	return overlayMarks(lines, marks, {color, keep: cell => inked(cell) || cursor(cell)});
}

/** A picture shrunk into `columns` × `rows` cells as renderPreview draws it, with each digit's box (in the picture's pixels) over it. */
export function previewWithBoxes(image: GrayImage, boxes: readonly Box[], columns: number, rows: number, options: {colorLevel: ColorLevel; ascii: boolean; boxColor?: string}): DigitLine[] {
	const lines = renderPreview(image, columns, rows, options);
	const size = previewSize(image.width, image.height, columns, rows);
	const marks = boxOutlines(boxes, size.width, size.height / 2, {scale: size.width / image.width, ascii: options.ascii});
	return overlayMarks(lines, marks, {color: options.colorLevel === 'none' || options.ascii ? undefined : options.boxColor});
}

/** Each digit and its confidence ("3 97.1%"), as many to a line of `width` as fit. */
export function digitList(digits: ReadonlyArray<{digit: number; confidence: number}>, width: number): string[] {
	const lines: string[] = [];
	for (const digit of digits) {
		const entry = `${digit.digit} ${(digit.confidence * 100).toFixed(1)}%${digit.confidence < UNSURE_BELOW ? '?' : ''}`;
		const last = lines.at(-1);
		if (last !== undefined && last.length + 3 + entry.length <= width) lines[lines.length - 1] = `${last}   ${entry}`;
		else lines.push(entry);
	}
	return lines;
}
