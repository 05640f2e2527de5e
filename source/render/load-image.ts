// The Load image screen's parts as numbers: the picked image shrunk into half-block cells,
// the line that says what the file is, and which part of a long list is on show.
import type {GrayImage, LoadedImage} from '../image/load.js';
import {resize} from '../image/preprocess.js';
import {renderDigit, type ColorLevel, type DigitLine} from './digit.js';

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

/** A file or folder name cut in the middle to `width` characters, so that its start and its ending stay: "some-long-n….png". */
export function keepEnds(name: string, width: number, ascii = false): string {
	if (name.length <= width) return name;
	const ellipsis = ascii ? '...' : '…';
	const tail = Math.min(8, Math.floor((width - ellipsis.length) / 2));
	return name.slice(0, Math.max(0, width - ellipsis.length - tail)) + ellipsis + name.slice(name.length - tail);
}
