// The sketch pad's canvas as plain data: 28 rows of ink levels (0 = paper, 1 = full ink), 28
// pixels wide for a digit and wider for a number (the width is the pixel count / 28), a round
// brush with a soft, anti-aliased edge like the pen strokes MNIST was scanned from, lines
// drawn as closely spaced dabs, and stroke-by-stroke undo and redo.
import {imageSide} from '../digit-size.js';


/** Brush radii in pixels, smallest first. */
export const brushRadii = [0.5, 0.8, 1.1, 1.4, 1.8, 2.4] as const;
// Radius 1.1 draws lines about 2.5 px wide: after preprocessing, MNIST's 2–3 px.
export const defaultBrush = 2;

export type Point = {x: number; y: number};
export type BrushMode = 'paint' | 'erase';

/** An empty canvas, `width` pixels wide (28 rows tall). */
export function blankCanvas(width: number = imageSide): Float32Array {
	return new Float32Array(width * imageSide);
}

/** A canvas's width in pixels: every canvas is 28 rows tall. */
export function canvasWidth(pixels: ArrayLike<number>): number {
	return pixels.length / imageSide;
}

/** How much of a pixel whose center is `distance` from the brush's center the brush covers: 1 inside, a 1-px ramp at the edge. */
export function coverage(distance: number, radius: number): number {
	return Math.min(1, Math.max(0, radius + 0.5 - distance));
}

/** The pixel center nearest to a point, as the keyboard cursor places dabs. */
export function pixelCenter(x: number, y: number): Point {
	return {x: x + 0.5, y: y + 0.5};
}

/** Paints (or erases) one dab centered at `at` (pixel units; pixel i spans i..i+1), in place. */
export function dabInto(pixels: Float32Array, at: Point, radius: number, mode: BrushMode): void {
	const reach = radius + 0.5;
	const width = canvasWidth(pixels);
	const left = Math.max(0, Math.floor(at.x - reach));
	const right = Math.min(width - 1, Math.ceil(at.x + reach));
	const top = Math.max(0, Math.floor(at.y - reach));
	const bottom = Math.min(imageSide - 1, Math.ceil(at.y + reach));
	for (let y = top; y <= bottom; y++) {
		for (let x = left; x <= right; x++) {
			const amount = coverage(Math.hypot(x + 0.5 - at.x, y + 0.5 - at.y), radius);
			if (amount <= 0) continue;
			const i = y * width + x;
			// Max (not sum): a stroke crossing itself or slowing down does not darken.
			pixels[i] = mode === 'paint' ? Math.max(pixels[i]!, amount) : Math.min(pixels[i]!, 1 - amount);
		}
	}
}

/** Dabs every quarter pixel from `from` to `to`, so fast mouse drags and long key jumps leave no gaps. */
export function lineInto(pixels: Float32Array, from: Point, to: Point, radius: number, mode: BrushMode): void {
	const steps = Math.max(1, Math.ceil(Math.hypot(to.x - from.x, to.y - from.y) * 4));
	for (let step = 0; step <= steps; step++) {
		const t = step / steps;
		dabInto(pixels, {x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t}, radius, mode);
	}
}

/** A canvas with its history: `undo` holds the canvases before each stroke, newest last. */
export type Drawing = {pixels: Float32Array; undo: readonly Float32Array[]; redo: readonly Float32Array[]};

const HISTORY = 200;

export function emptyDrawing(width: number = imageSide): Drawing {
	return {pixels: blankCanvas(width), undo: [], redo: []};
}

/** Starts a stroke: the canvas as it is now becomes one undo step. */
export function beginStroke(drawing: Drawing): Drawing {
	return {pixels: drawing.pixels.slice(), undo: [...drawing.undo.slice(1 - HISTORY), drawing.pixels], redo: []};
}

/** A new canvas for the current stroke (the history stays). */
export function drawOn(drawing: Drawing, draw: (pixels: Float32Array) => void): Drawing {
	const pixels = drawing.pixels.slice();
	draw(pixels);
	return {...drawing, pixels};
}

/** Replaces the canvas as one undoable step (clear, open a file). */
export function replaceCanvas(drawing: Drawing, pixels: Float32Array): Drawing {
	return {...beginStroke(drawing), pixels};
}

/** `pixels` (any width, 28 rows) on a blank canvas `width` wide, from its left edge; cut on the right when wider. */
export function fitCanvas(pixels: Float32Array, width: number): Float32Array {
	const from = canvasWidth(pixels);
	if (from === width) return pixels;
	const fitted = blankCanvas(width);
	const columns = Math.min(from, width);
	for (let y = 0; y < imageSide; y++) fitted.set(pixels.subarray(y * from, y * from + columns), y * width);
	return fitted;
}

export function undo(drawing: Drawing): Drawing {
	const previous = drawing.undo.at(-1);
	if (!previous) return drawing;
	return {pixels: previous, undo: drawing.undo.slice(0, -1), redo: [...drawing.redo, drawing.pixels]};
}

export function redo(drawing: Drawing): Drawing {
	const next = drawing.redo.at(-1);
	if (!next) return drawing;
	return {pixels: next, undo: [...drawing.undo, drawing.pixels], redo: drawing.redo.slice(0, -1)};
}

export function isBlank(pixels: Float32Array): boolean {
	return pixels.every(value => value === 0);
}

/** A pixel at least half covered shows as ink; the faint edge of a dab does not. */
const INKED = 0.5;
/**
 * Below this a sketch is a stray dab, not a digit: fewer inked pixels, or ink that spans
 * fewer pixels both across and down. The model would read some digit into it with high
 * confidence. (Scanned files keep the pipeline's own rule: a small digit there is real.)
 */
export const leastInk = {pixels: 8, span: 4} as const;

/** Whether the sketch holds enough ink to be read as a digit (see leastInk). */
export function enoughInk(pixels: Float32Array): boolean {
	let count = 0;
	const width = canvasWidth(pixels);
	let [left, right, top, bottom] = [width, -1, imageSide, -1];
	pixels.forEach((value, index) => {
		if (value < INKED) return;
		const x = index % width;
		const y = Math.floor(index / width);
		count++;
		[left, right, top, bottom] = [Math.min(left, x), Math.max(right, x), Math.min(top, y), Math.max(bottom, y)];
	});
	return count >= leastInk.pixels && Math.max(right - left, bottom - top) + 1 >= leastInk.span;
}

/**
 * An opened picture as ink for a canvas `width` pixels wide: a picture 28 pixels tall, no
 * wider, with a dark background is taken as it is (so a saved sketch, or number mode's wider
 * canvas, comes back unchanged); anything else goes through `prepare` (the model's
 * preprocessing), which crops, scales and centers it.
 */
export function canvasFromPicture(picture: {width: number; height: number; data: Float32Array}, prepare: (picture: {width: number; height: number; data: Float32Array}) => Float32Array | null, width: number = imageSide): Float32Array | null {
	if (picture.height === imageSide && picture.width <= width) {
		const mean = picture.data.reduce((sum, value) => sum + value, 0) / picture.data.length;
		if (mean < 0.5) return isBlank(picture.data) ? null : Float32Array.from(picture.data, value => Math.min(1, Math.max(0, value)));
	}
	return prepare(picture);
}
