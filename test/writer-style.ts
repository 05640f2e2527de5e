// A simulated writer with a consistent hand that MNIST's writers did not have: every digit
// leans back (the top to the left), sevens are crossed, ones have a long flag and a base,
// zeros are slashed, fours are open at the top. Made from MNIST digits so that labels are
// known; only for measuring and testing how digits learns a person's style (never part of
// a training recipe).
import type {GrayImage} from '../source/image/load.js';
import {inkBounds, resize} from '../source/image/preprocess.js';
import {imageSide} from '../source/digit-size.js';

/** The restyle works at this many times MNIST's resolution, so that added strokes are smooth. */
const SCALE = 4;

type Point = {x: number; y: number};

/** Paints a round-ended line of `radius` pixels into `image` (ink bright, values kept at their maximum). */
export function strokeLine(image: GrayImage, from: Point, to: Point, radius: number): void {
	const [dx, dy] = [to.x - from.x, to.y - from.y];
	const length2 = dx * dx + dy * dy || 1;
	const [left, right] = [Math.floor(Math.min(from.x, to.x) - radius - 1), Math.ceil(Math.max(from.x, to.x) + radius + 1)];
	const [top, bottom] = [Math.floor(Math.min(from.y, to.y) - radius - 1), Math.ceil(Math.max(from.y, to.y) + radius + 1)];
	for (let y = Math.max(0, top); y <= Math.min(image.height - 1, bottom); y++) {
		for (let x = Math.max(0, left); x <= Math.min(image.width - 1, right); x++) {
			const t = Math.min(1, Math.max(0, ((x - from.x) * dx + (y - from.y) * dy) / length2));
			const distance = Math.hypot(x - (from.x + t * dx), y - (from.y + t * dy));
			// One pixel of soft edge, like a pen's.
			const value = Math.min(1, Math.max(0, radius + 0.5 - distance));
			const i = y * image.width + x;
			if (value > image.data[i]!) image.data[i] = value;
		}
	}
}

/** The mean column of the ink in row `y` (the stroke's middle there), or null when the row is empty. */
function inkColumn(image: GrayImage, y: number): number | null {
	let [sum, weight] = [0, 0];
	for (let x = 0; x < image.width; x++) {
		const value = image.data[Math.round(y) * image.width + x]!;
		sum += value * x;
		weight += value;
	}
	return weight > 0.5 ? sum / weight : null;
}

/** Adds the writer's own marks to a digit (ink bright, `SCALE` times MNIST's size). */
function addMarks(image: GrayImage, label: number, random: () => number): void {
	const box = inkBounds(image)!;
	const [top, bottom, height] = [box.top, box.top + box.height - 1, box.height];
	const pen = 1.1 * SCALE;
	const jitter = () => (random() - 0.5) * 0.08 * height;
	if (label === 7) {
		const stem = inkColumn(image, bottom - 1) ?? box.left + box.width / 2;
		strokeLine(image, {x: stem, y: bottom}, {x: stem - 0.2 * height, y: bottom - 0.06 * height}, pen);
		const y = top + 0.55 * height + jitter();
		const x = inkColumn(image, y) ?? box.left + box.width / 2;
		strokeLine(image, {x: x - 0.25 * height, y}, {x: x + 0.25 * height, y: y - 0.03 * height}, pen);
	} else if (label === 1) {
		const x = inkColumn(image, top + 1) ?? box.left + box.width / 2;
		const foot = inkColumn(image, bottom - 1) ?? x;
		strokeLine(image, {x, y: top}, {x: x - 0.35 * height + jitter(), y: top + 0.3 * height + jitter()}, pen);
		strokeLine(image, {x: foot - 0.25 * height, y: bottom}, {x: foot + 0.25 * height, y: bottom}, pen);
	} else if (label === 0) {
		strokeLine(image, {x: box.left + 0.1 * box.width, y: bottom - 0.05 * height}, {x: box.left + 0.9 * box.width, y: top + 0.05 * height}, pen);
	} else if (label === 9) {
		// Unusual stroke ends: the stem ends in a tick to the left.
		const x = inkColumn(image, bottom - 1) ?? box.left + box.width / 2;
		strokeLine(image, {x, y: bottom}, {x: x - 0.2 * height, y: bottom - 0.06 * height}, pen);
	} else if (label === 4) {
		// Open at the top: the upper third above the crossing stroke is cleared between the two arms.
		const [from, to] = [box.left + 0.25 * box.width, box.left + 0.7 * box.width];
		for (let y = top; y < top + 0.45 * height; y++) for (let x = Math.round(from); x < to; x++) image.data[y * image.width + x] = 0;
	}
}

/** Leans the ink back by `slope` pixels per pixel of height (the top to the left), widening the picture to fit. */
function leanBack(image: GrayImage, slope: number): GrayImage {
	const spread = Math.ceil(slope * image.height);
	const width = image.width + spread;
	const data = new Float32Array(width * image.height);
	for (let y = 0; y < image.height; y++) {
		const shift = slope * y;
		for (let x = 0; x < width; x++) {
			const source = x - shift;
			const left = Math.floor(source);
			const weight = source - left;
			const at = (u: number) => (u >= 0 && u < image.width ? image.data[y * image.width + u]! : 0);
			data[y * width + x] = at(left) * (1 - weight) + at(left + 1) * weight;
		}
	}
	return {width, height: image.height, data};
}

/**
 * `digit` (28×28, ink 0..1) written by the simulated writer: at four times the size, with
 * the writer's marks and lean, as dark ink on white (what a sample file holds).
 */
export function restyle(digit: Float32Array, label: number, random: () => number): GrayImage {
	const large = resize({width: imageSide, height: imageSide, data: digit}, imageSide * SCALE, imageSide * SCALE);
	addMarks(large, label, random);
	const leaning = leanBack(large, 0.95 + (random() - 0.5) * 0.1);
	return {width: leaning.width, height: leaning.height, data: leaning.data.map(value => 1 - Math.min(1, value))};
}
