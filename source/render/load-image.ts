// The Load image screen as numbers: where its parts go for a window size, the picked image
// shrunk into half-block cells, the line that says what the file is, and which part of a
// long list is on show.
import type {GrayImage, LoadedImage} from '../image/load.js';
import {resize} from '../image/preprocess.js';
import {renderDigit, type ColorLevel, type DigitLine} from './digit.js';

export type LoadImageLayout = {
	/** The left column: the picture, what the file is, the file list. */
	leftWidth: number;
	previewRows: number;
	listRows: number;
	/** The reading on the right (SketchReading's width and size of the model's view). */
	panelWidth: number;
	fullSeen: boolean;
};

const MARGIN = 1;
const GAP = 2;
const FIELD_ROWS = 1;
export const MESSAGE_ROWS = 2;
const INFO_ROWS = 2;
const LIST_TITLE_ROWS = 1;
/** The reading with the model's view halved (14×7) or at full size (28×14): width, height. */
const SMALL_PANEL = [44, 19] as const;
const LARGE_PANEL = [56, 26] as const;
const LEFT_MIN = 33;

/** The layout for a screen area of `columns` × `height` (the status line not included). */
export function loadImageLayout(columns: number, height: number): LoadImageLayout {
	const bodyRows = Math.max(SMALL_PANEL[1], height - FIELD_ROWS - MESSAGE_ROWS);
	const fullSeen = bodyRows >= LARGE_PANEL[1] && columns >= MARGIN + LEFT_MIN + GAP + LARGE_PANEL[0];
	const panelWidth = fullSeen ? LARGE_PANEL[0] : SMALL_PANEL[0];
	const leftWidth = Math.max(LEFT_MIN, columns - MARGIN - GAP - panelWidth);
	const previewRows = Math.min(20, Math.max(4, Math.floor((bodyRows - INFO_ROWS - LIST_TITLE_ROWS) / 2)));
	return {leftWidth, previewRows, listRows: bodyRows - previewRows - INFO_ROWS - LIST_TITLE_ROWS, panelWidth, fullSeen};
}

/** The picture's size in pixels when shrunk (never enlarged) into `columns` × `rows` half-block cells. */
export function previewSize(width: number, height: number, columns: number, rows: number): {width: number; height: number} {
	const scale = Math.min(1, columns / width, (2 * rows) / height);
	const evenHeight = 2 * Math.max(1, Math.round((height * scale) / 2));
	return {width: Math.max(1, Math.min(columns, Math.round(width * scale))), height: Math.min(2 * rows, evenHeight)};
}

/** The picture as it is (dark ink on light paper stays so), shrunk into `columns` × `rows` cells. */
export function renderPreview(image: GrayImage, columns: number, rows: number, options: {colorLevel: ColorLevel; ascii: boolean}): DigitLine[] {
	const size = previewSize(image.width, image.height, columns, rows);
	return renderDigit(resize(image, size.width, size.height).data, {...options, width: size.width});
}

/** 812 → "812 B", 4200 → "4.1 KB", 3_500_000 → "3.3 MB". */
export function fileSize(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
	return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "PNG · 280×280 · 4.1 KB": the format, the stored size in pixels, the file's size. */
export function imageSummary(image: Pick<LoadedImage, 'format' | 'sourceWidth' | 'sourceHeight' | 'bytes'>, ascii = false): string {
	const [dot, times] = ascii ? [' - ', 'x'] : [' · ', '×'];
	return [image.format, `${image.sourceWidth}${times}${image.sourceHeight}`, fileSize(image.bytes)].join(dot);
}

/** The first of `rows` visible entries of a list of `count`: the selected one kept near the middle. */
export function listWindow(selected: number, count: number, rows: number): number {
	return Math.max(0, Math.min(selected - Math.floor(rows / 2), count - rows));
}

/** A path cut from the front to `width` characters, so that its file name stays: "…/scans/7.png". */
export function keepEnd(text: string, width: number, ascii = false): string {
	const ellipsis = ascii ? '...' : '…';
	return text.length <= width ? text : ellipsis + text.slice(text.length - width + ellipsis.length);
}
