// Where the sketch pad's parts go for a window size, and which canvas point a mouse cell is.
// The screen is drawn from the terminal's top-left corner, so the canvas's cells are known
// from the layout alone (Ink 6 cannot tell an element's position).
import {type Point} from './canvas.js';
import {imageSide} from '../digit-size.js';

export type SketchLayout = {
	scale: 1 | 2;
	/** The first cell of the canvas's pixels (inside its border), 0-based. */
	canvasLeft: number;
	canvasTop: number;
	canvasColumns: number;
	canvasRows: number;
	/** The panel right of the canvas. */
	panelWidth: number;
	/** The model's view at full size (28×14) or halved (14×7). */
	fullSeen: boolean;
};

const TITLE_ROWS = 1;
const MARGIN = 1;
const GAP = 2;
/**
 * The model's reading (its view, the big digit, ten bars) at its smallest, with the view
 * halved (14×7) or at full size (28×14): the sketch pad and the Load image screen show it.
 */
export const readingPanel = {small: {width: 44, rows: 19}, large: {width: 56, rows: 26}} as const;

/** The layout for a screen area of `columns` × `height` (the status line not included). */
export function sketchLayout(columns: number, height: number): SketchLayout {
	const large = columns >= MARGIN + 2 * imageSide + 2 + GAP + readingPanel.small.width + 4 && height >= TITLE_ROWS + imageSide + 2 + 1;
	const scale = large ? 2 : 1;
	const canvasColumns = imageSide * scale;
	const canvasRows = scale === 2 ? imageSide : imageSide / 2;
	const panelWidth = Math.max(readingPanel.small.width, columns - MARGIN - canvasColumns - 2 - GAP);
	return {scale, canvasLeft: MARGIN + 1, canvasTop: TITLE_ROWS + 1, canvasColumns, canvasRows, panelWidth, fullSeen: large};
}

/** The widest number canvas: twelve digits of 20 pixels. */
export const NUMBER_CANVAS_MAX = 240;
/** Under the number canvas: the row of digit readings and the number in block letters (3 rows, or 7 with room). */
const NUMBER_UNDER_ROWS = 1 + 3;

/** How many pixels wide a number canvas the window's `columns` hold: one per column, in half blocks, a spare column kept. */
export function numberCanvasWidth(columns: number): number {
	return Math.max(imageSide, Math.min(NUMBER_CANVAS_MAX, columns - MARGIN - 2 - 1));
}

/** The number mode's layout for a canvas `width` pixels wide: half blocks (one column per pixel) whatever the window. */
export function numberLayout(width: number, columns: number): SketchLayout {
	return {scale: 1, canvasLeft: MARGIN + 1, canvasTop: TITLE_ROWS + 1, canvasColumns: width, canvasRows: imageSide / 2, panelWidth: Math.max(0, columns - MARGIN), fullSeen: false};
}

/** Whether the window holds the number canvas and what goes under it (the title and the canvas's border counted). */
export function numberFits(width: number, columns: number, height: number): boolean {
	return columns >= MARGIN + width + 2 && height >= TITLE_ROWS + imageSide / 2 + 2 + NUMBER_UNDER_ROWS;
}

/** The canvas point (pixel units) under a mouse cell: a cell's middle; may lie outside the canvas. */
export function cellToCanvas(layout: SketchLayout, column: number, row: number): Point {
	const x = column - layout.canvasLeft;
	const y = row - layout.canvasTop;
	if (layout.scale === 2) return {x: Math.floor(x / 2) + 0.5, y: y + 0.5};
	// A cell holds two pixel rows: its middle is between them.
	return {x: x + 0.5, y: 2 * y + 1};
}

/** Whether a point lies on a canvas `width` pixels wide (28 rows tall). */
export function insideCanvas(point: Point, width: number = imageSide): boolean {
	return point.x >= 0 && point.y >= 0 && point.x < width && point.y < imageSide;
}
