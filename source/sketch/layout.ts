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

/** The canvas point (pixel units) under a mouse cell: a cell's middle; may lie outside the canvas. */
export function cellToCanvas(layout: SketchLayout, column: number, row: number): Point {
	const x = column - layout.canvasLeft;
	const y = row - layout.canvasTop;
	if (layout.scale === 2) return {x: Math.floor(x / 2) + 0.5, y: y + 0.5};
	// A cell holds two pixel rows: its middle is between them.
	return {x: x + 0.5, y: 2 * y + 1};
}

export function insideCanvas(point: Point): boolean {
	return point.x >= 0 && point.y >= 0 && point.x < imageSide && point.y < imageSide;
}
