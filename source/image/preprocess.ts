// Turns any grayscale picture of a digit into what the model was trained on, the way
// MNIST itself was made: ink bright on black, cropped, the longer side scaled to 20 px,
// placed in 28×28 by its center of mass. One pipeline for sketches and image files.
import type {GrayImage} from './load.js';

export const MODEL_SIZE = 28;
const DIGIT_BOX = 20;
// Ink weaker than this share of the strongest ink is paper texture, JPEG noise or shadow.
const NOISE_LEVEL = 0.1;
// Below this contrast between background and strongest ink the picture is blank.
const MIN_CONTRAST = 0.1;

/** The median gray level (to 1/1024), by histogram: images from cameras have millions of pixels. */
function medianLevel(data: Float32Array): number {
	const bins = new Uint32Array(1024);
	for (const value of data) bins[Math.min(1023, Math.max(0, Math.floor(value * 1024)))]!++;
	let seen = 0;
	for (let bin = 0; bin < bins.length; bin++) {
		seen += bins[bin]!;
		if (seen * 2 >= data.length) return (bin + 0.5) / 1024;
	}

	return 0;
}

/**
 * Ink as 0..1 with the background at 0 and the strongest ink at 1; faint noise is 0.
 * Ink covers a minority of a digit's picture, so the median is the background's level
 * (unlike the border's, it is not fooled by a digit cropped tightly);
 * a light background means dark ink.
 */
function inkLevels(image: GrayImage): GrayImage | null {
	const level = medianLevel(image.data);
	const lightBackground = level > 0.5;
	const ink = new Float32Array(image.data.length);
	const background = lightBackground ? 1 - level : level;
	let strongest = 0;
	for (let i = 0; i < ink.length; i++) {
		const value = lightBackground ? 1 - image.data[i]! : image.data[i]!;
		ink[i] = value - background;
		if (ink[i]! > strongest) strongest = ink[i]!;
	}

	if (strongest < MIN_CONTRAST) return null;
	for (let i = 0; i < ink.length; i++) {
		const share = ink[i]! / strongest;
		ink[i] = share < NOISE_LEVEL ? 0 : share;
	}

	return {width: image.width, height: image.height, data: ink};
}

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

/**
 * The 28×28 floats (0..1, ink bright on black, row-major) the model sees, or null when
 * the image has no ink ("no digit found").
 */
export function preprocessForModel(image: GrayImage): Float32Array | null {
	const ink = inkLevels(image);
	const box = ink && inkBounds(ink);
	if (!ink || !box) return null;
	const digit = crop(ink, box);
	const scale = DIGIT_BOX / Math.max(box.width, box.height);
	const scaled = resize(digit, Math.max(1, Math.round(box.width * scale)), Math.max(1, Math.round(box.height * scale)));
	normalize(scaled);
	const center = centerOfMass(scaled);
	// Whole-pixel shifts, as MNIST did: no resampling blur; clamped so nothing is cut off.
	const left = Math.min(Math.max(Math.round(MODEL_SIZE / 2 - center.x), 0), MODEL_SIZE - scaled.width);
	const top = Math.min(Math.max(Math.round(MODEL_SIZE / 2 - center.y), 0), MODEL_SIZE - scaled.height);
	const result = new Float32Array(MODEL_SIZE * MODEL_SIZE);
	for (let y = 0; y < scaled.height; y++) {
		for (let x = 0; x < scaled.width; x++) {
			result[(top + y) * MODEL_SIZE + left + x] = scaled.data[y * scaled.width + x]!;
		}
	}

	return result;
}
