// Turns any grayscale picture of a digit into what the model was trained on, the way
// MNIST itself was made: ink bright on black, cropped, the longer side scaled to 20 px,
// placed in 28×28 by its center of mass. One pipeline for sketches and image files.
import {findInk} from './ink.js';
import type {GrayImage} from './load.js';
import {imageSide} from '../digit-size.js';

const DIGIT_BOX = 20;
// Pictures are reduced to this longer side before the heavy work: a digit needs 20 px in the end.
const WORKING_SIZE = 640;
// MNIST's strokes are 2–3 px wide at this scale; thinner ones (a fine pen on a large page) are thickened to this.
const MIN_STROKE = 1.6;
const TARGET_STROKE = 2.2;
// Thickening works at this many times the final resolution, so that it can add fractions of a pixel.
const FINE = 4;

/** The smallest rectangle holding every non-zero pixel, or null for an all-zero image. */
export function inkBounds(image: GrayImage): {left: number; top: number; width: number; height: number} | null {
	let left = image.width;
	let right = -1;
	let top = image.height;
	let bottom = -1;
	for (let y = 0; y < image.height; y++) {
		for (let x = 0; x < image.width; x++) {
			if (image.data[y * image.width + x]! > 0) {
				left = Math.min(left, x);
				right = Math.max(right, x);
				top = Math.min(top, y);
				bottom = Math.max(bottom, y);
			}
		}
	}

	return right < 0 ? null : {left, top, width: right - left + 1, height: bottom - top + 1};
}

function crop(image: GrayImage, box: {left: number; top: number; width: number; height: number}): GrayImage {
	const data = new Float32Array(box.width * box.height);
	for (let y = 0; y < box.height; y++) {
		const start = (box.top + y) * image.width + box.left;
		data.set(image.data.subarray(start, start + box.width), y * box.width);
	}

	return {width: box.width, height: box.height, data};
}

/**
 * Resamples one axis: `source` holds `lines` lines of `from` samples, `stride` apart.
 * Shrinking averages the covered area (thin strokes survive); enlarging is bilinear.
 */
function resampleAxis(source: Float32Array, from: number, to: number, lines: number, along: (line: number, i: number, size: number) => number): Float32Array {
	const target = new Float32Array(to * lines);
	const scale = from / to;
	for (let line = 0; line < lines; line++) {
		for (let i = 0; i < to; i++) {
			let value = 0;
			if (to <= from) {
				const start = i * scale;
				const end = start + scale;
				for (let s = Math.floor(start); s < end && s < from; s++) {
					const covered = Math.min(end, s + 1) - Math.max(start, s);
					value += source[along(line, s, from)]! * covered;
				}

				value /= scale;
			} else {
				const position = Math.min(Math.max((i + 0.5) * scale - 0.5, 0), from - 1);
				const low = Math.floor(position);
				const high = Math.min(low + 1, from - 1);
				const weight = position - low;
				value = source[along(line, low, from)]! * (1 - weight) + source[along(line, high, from)]! * weight;
			}

			target[along(line, i, to)] = value;
		}
	}

	return target;
}

/** Resizes by area averaging when shrinking and bilinear interpolation when enlarging. */
export function resize(image: GrayImage, width: number, height: number): GrayImage {
	const rows = resampleAxis(image.data, image.width, width, image.height, (y, x, size) => y * size + x);
	const data = resampleAxis(rows, image.height, height, width, (x, y) => y * width + x);
	return {width, height, data};
}

/** The intensity-weighted mean of pixel indices (MNIST's convention: its digits average (14, 14)). */
export function centerOfMass(image: GrayImage): {x: number; y: number} {
	let total = 0;
	let sumX = 0;
	let sumY = 0;
	for (let y = 0; y < image.height; y++) {
		for (let x = 0; x < image.width; x++) {
			const value = image.data[y * image.width + x]!;
			total += value;
			sumX += value * x;
			sumY += value * y;
		}
	}

	return total === 0 ? {x: (image.width - 1) / 2, y: (image.height - 1) / 2} : {x: sumX / total, y: sumY / total};
}

/** Scales in place so the strongest ink is 1: shrinking a thin stroke averages it with paper. */
function normalize(image: GrayImage): void {
	const strongest = image.data.reduce((max, value) => Math.max(max, value), 0);
	if (strongest > 0) for (let i = 0; i < image.data.length; i++) image.data[i] = image.data[i]! / strongest;
}

/** Grows bright areas by `radius` pixels (a square max filter, one axis at a time). */
function thicken(image: GrayImage, radius: number): GrayImage {
	const {width, height} = image;
	const pass = (source: Float32Array, along: (line: number, i: number) => number, lines: number, size: number) => {
		const target = new Float32Array(source.length);
		for (let line = 0; line < lines; line++) {
			for (let i = 0; i < size; i++) {
				let max = 0;
				for (let k = Math.max(0, i - radius); k <= Math.min(size - 1, i + radius); k++) max = Math.max(max, source[along(line, k)]!);
				target[along(line, i)] = max;
			}
		}

		return target;
	};

	const rows = pass(image.data, (y, x) => y * width + x, height, width);
	return {width, height, data: pass(rows, (x, y) => y * width + x, width, height)};
}

/** Pads an image with `margin` black pixels on every side. */
function pad(image: GrayImage, margin: number): GrayImage {
	const width = image.width + 2 * margin;
	const result = {width, height: image.height + 2 * margin, data: new Float32Array(width * (image.height + 2 * margin))};
	for (let y = 0; y < image.height; y++) result.data.set(image.data.subarray(y * image.width, (y + 1) * image.width), (y + margin) * width + margin);
	return result;
}

/** Scales the cropped digit so that its longer side is `box` pixels, keeping the aspect ratio. */
function scaleToBox(digit: GrayImage, box: number): GrayImage {
	const scale = box / Math.max(digit.width, digit.height);
	return resize(digit, Math.max(1, Math.round(digit.width * scale)), Math.max(1, Math.round(digit.height * scale)));
}

/**
 * The cropped digit at 20 px: strokes that would come out thinner than MNIST's are first
 * thickened at four times that resolution, then the result is cropped and scaled again.
 */
function digitAtModelScale(digit: GrayImage, strokeWidth: number): GrayImage {
	const stroke = (strokeWidth * DIGIT_BOX) / Math.max(digit.width, digit.height);
	if (stroke >= MIN_STROKE) return scaleToBox(digit, DIGIT_BOX);
	const radius = Math.max(1, Math.round(((TARGET_STROKE - stroke) * FINE) / 2));
	const fine = thicken(pad(scaleToBox(digit, DIGIT_BOX * FINE), radius), radius);
	normalize(fine);
	return scaleToBox(crop(fine, inkBounds(fine)!), DIGIT_BOX);
}

/** Reduces a large picture before the heavy work, averaging areas so that thin strokes survive. */
export function workingCopy(image: GrayImage): GrayImage {
	const longer = Math.max(image.width, image.height);
	if (longer <= WORKING_SIZE) return image;
	const scale = WORKING_SIZE / longer;
	return resize(image, Math.max(1, Math.round(image.width * scale)), Math.max(1, Math.round(image.height * scale)));
}

/**
 * The 28×28 floats (0..1, ink bright on black, row-major) the model sees, or null when
 * the image has no ink ("no digit found").
 */
export function preprocessForModel(image: GrayImage): Float32Array | null {
	const working = workingCopy(image);
	const ink = findInk(working);
	return ink && digitInput(ink.image, ink.strokeWidth, working);
}

/** The lengths of the runs of identical neighbouring rows (or columns) of an image. */
function identicalRuns(image: GrayImage, along: 'rows' | 'columns'): number[] {
	const [lines, size] = along === 'rows' ? [image.height, image.width] : [image.width, image.height];
	const at = (line: number, i: number) => image.data[along === 'rows' ? line * image.width + i : i * image.width + line]!;
	const runs = [1];
	for (let line = 1; line < lines; line++) {
		let same = true;
		for (let i = 0; i < size && same; i++) same = at(line, i) === at(line - 1, i);
		if (same) runs[runs.length - 1]!++;
		else runs.push(1);
	}

	return runs;
}

/**
 * A small digit zoomed with nearest-neighbour scaling (a scan's tiny digit in an image
 * viewer) is blocks of identical pixels, which survive the shrink to 20 px as jagged steps.
 * When every inner run of identical rows and columns of the picture (as loaded: paper removal
 * makes a block's pixels differ slightly) is at least `MIN_BLOCK` long, there are
 * `MIN_INNER_RUNS` or more of them each way and the digit is at least `MIN_ZOOMED` px, the lines to keep are one per block (the shortest inner run): the small
 * digit itself, which is then enlarged smoothly like any other. Drawings and photos have
 * runs of one.
 */
const MIN_BLOCK = 3;
const MIN_ZOOMED = 48;
const MIN_INNER_RUNS = 2;
function zoomBlocks(picture: GrayImage): {rows: number[]; columns: number[]; block: number} | null {
	if (Math.max(picture.width, picture.height) < MIN_ZOOMED) return null;
	const rows = identicalRuns(picture, 'rows');
	const columns = identicalRuns(picture, 'columns');
	// The first and last runs may be cut by the ink's bounds (a faint block partly taken as ink).
	const [innerRows, innerColumns] = [rows.slice(1, -1), columns.slice(1, -1)];
	// A digit has a few different lines each way; a shape of plain rectangles (a ring) has not.
	if (Math.min(innerRows.length, innerColumns.length) < MIN_INNER_RUNS) return null;
	const block = Math.min(...innerRows, ...innerColumns);
	if (block < MIN_BLOCK) return null;
	// A run of identical lines is as many of the small digit's lines as blocks fit in it.
	const kept = (runs: number[]) => runs.flatMap((run, k) => {
		const first = runs.slice(0, k).reduce((sum, length) => sum + length, 0);
		return Array.from({length: Math.max(1, Math.round(run / block))}, () => first);
	});
	return {rows: kept(rows), columns: kept(columns), block};
}

/** The given rows and columns of an image. */
function lines(image: GrayImage, rows: number[], columns: number[]): GrayImage {
	const data = Float32Array.from({length: rows.length * columns.length}, (_, i) => image.data[rows[Math.floor(i / columns.length)]! * image.width + columns[i % columns.length]!]!);
	return {width: columns.length, height: rows.length, data};
}

/**
 * One digit's ink (bright on black, zero around it) as the model reads it: cropped, the
 * longer side at 20 px, placed in 28×28 by its center of mass; null when there is no ink.
 * `picture` is the image the ink was found in (same size), where a nearest-neighbour zoom
 * shows. A number's digits go through this one by one.
 */
export function digitInput(ink: GrayImage, strokeWidth: number, picture?: GrayImage): Float32Array | null {
	const box = inkBounds(ink);
	if (!box) return null;
	const zoom = picture && zoomBlocks(crop(picture, box));
	const digit = zoom ? lines(crop(ink, box), zoom.rows, zoom.columns) : crop(ink, box);
	const scaled = digitAtModelScale(digit, strokeWidth / (zoom?.block ?? 1));
	normalize(scaled);
	const center = centerOfMass(scaled);
	// Whole-pixel shifts, as MNIST did: no resampling blur; clamped so nothing is cut off.
	const left = Math.min(Math.max(Math.round(imageSide / 2 - center.x), 0), imageSide - scaled.width);
	const top = Math.min(Math.max(Math.round(imageSide / 2 - center.y), 0), imageSide - scaled.height);
	const result = new Float32Array(imageSide * imageSide);
	for (let y = 0; y < scaled.height; y++) {
		for (let x = 0; x < scaled.width; x++) {
			result[(top + y) * imageSide + left + x] = scaled.data[y * scaled.width + x]!;
		}
	}

	return result;
}
