// Whole numbers written the way people write them, built from MNIST digits for measuring how
// numbers are read (never for training): 2–6 digits, each on its own baseline (a little up or
// down, on a slightly sloping line), ink 30–150 px tall, dark ink on white or on photo-like
// paper, with gaps between neighbours that make three kinds:
// - separated: gaps of 15–40% of the digit height,
// - close: gaps of 2–12%,
// - touching: the neighbours' boxes touch or overlap by up to 10% of the height (their ink
//   meets in most of them, not in all: a 7's bar can reach over the next digit's top).
// Gaps are between the digits' ink boxes, as a share of the line's digit height.
// Every number is drawn from a seed and its own digits, never hand-picked.
import type {GrayImage} from '../source/image/load.js';
import {inkBounds, resize} from '../source/image/preprocess.js';
import {imagePixels, imageSide} from '../source/digit-size.js';

export const numberKinds = ['separated', 'close', 'touching'] as const;
export type NumberKind = (typeof numberKinds)[number];

/** The digits numbers are drawn from: `count` MNIST images from `first` on (0..255, 28×28). */
export type DigitSource = {images: Uint8Array; labels: Uint8Array; first: number; count: number};

/** A drawn number: the picture (paper 1, ink dark), the number it shows, and which source digits it used. */
export type NumberSample = {kind: NumberKind; image: GrayImage; number: string; indices: number[]};

// MNIST's digits are 20 px tall in their 28×28: a drawn digit's scale is its ink height over 20.
const MNIST_HEIGHT = 20;

const between = (random: () => number, low: number, high: number) => low + random() * (high - low);
const whole = (random: () => number, low: number, high: number) => Math.floor(between(random, low, high + 1));

/** The gap to the previous digit, as a share of the digit height (negative: the boxes overlap). */
const gapShare: Record<NumberKind, (random: () => number) => number> = {
	separated: random => between(random, 0.15, 0.4),
	close: random => between(random, 0.02, 0.12),
	touching: random => -between(random, 0, 0.1),
};

/** MNIST digit `index` (ink 0..1) cropped to its ink and scaled so that a 20-px-tall MNIST digit becomes `height` px. */
export function scaledDigit(source: DigitSource, index: number, height: number): GrayImage {
	const digit: GrayImage = {width: imageSide, height: imageSide, data: Float32Array.from(source.images.subarray(index * imagePixels, (index + 1) * imagePixels), value => value / 255)};
	const box = inkBounds(digit)!;
	const cropped = new Float32Array(box.width * box.height);
	for (let y = 0; y < box.height; y++) cropped.set(digit.data.subarray((box.top + y) * imageSide + box.left, (box.top + y) * imageSide + box.left + box.width), y * box.width);
	const scale = height / MNIST_HEIGHT;
	return resize({width: box.width, height: box.height, data: cropped}, Math.max(1, Math.round(box.width * scale)), Math.max(1, Math.round(box.height * scale)));
}

type Placed = {ink: GrayImage; left: number; top: number};

/** The digits laid out left to right on a sloping, jittered baseline; the picture size with its margins. */
function layout(inks: GrayImage[], kind: NumberKind, height: number, random: () => number): {placed: Placed[]; width: number; rows: number} {
	const margin = whole(random, 10, 40);
	const slope = Math.tan((between(random, -2, 2) * Math.PI) / 180);
	const jitter = 0.06 * height;
	// Rows enough for the slope and jitter over the whole line, plus margins.
	const span = inks.reduce((sum, ink) => sum + ink.width + 0.4 * height, 0);
	const rows = Math.ceil(height + 2 * jitter + Math.abs(slope) * span + 2 * margin);
	const baseline = margin + jitter + height + (slope < 0 ? Math.abs(slope) * span : 0);
	const placed: Placed[] = [];
	for (const ink of inks) {
		const previous = placed.at(-1);
		let left = margin;
		const bottom = Math.round(baseline + slope * (previous ? previous.left + previous.ink.width - margin : 0) + between(random, -jitter, jitter));
		const top = Math.min(Math.max(0, bottom - ink.height), rows - ink.height);
		if (previous) {
			left = Math.round(previous.left + previous.ink.width + gapShare[kind](random) * height);
		}

		placed.push({ink, left, top});
	}

	const width = Math.max(...placed.map(({ink, left}) => left + ink.width)) + margin;
	return {placed, width, rows};
}

/** Paper lit unevenly, with grain and a few specks of dust smaller than a pen's dot. */
function photoPaper(width: number, height: number, random: () => number): Float32Array {
	const paper = new Float32Array(width * height);
	const level = between(random, 0.8, 0.95);
	const [lightX, lightY, fall] = [between(random, -1, 1), between(random, -1, 1), between(random, 0.1, 0.3)];
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const [u, v] = [(2 * x) / width - 1, (2 * y) / height - 1];
			const light = 1 - fall * (0.5 - 0.25 * (u * lightX + v * lightY)) - 0.08 * (u * u + v * v);
			paper[y * width + x] = level * light + (random() + random() + random() - 1.5) * 0.05;
		}
	}

	for (let k = whole(random, 5, 30); k > 0; k--) {
		const [x, y] = [whole(random, 0, width - 2), whole(random, 0, height - 2)];
		const size = whole(random, 1, 2);
		for (let dy = 0; dy < size; dy++) for (let dx = 0; dx < size; dx++) paper[(y + dy) * width + x + dx] = 0.4;
	}

	return paper;
}

/** Paints the placed digits' ink (darkest where the ink is full) over the paper. */
function paint(paper: Float32Array, width: number, placed: Placed[], inkLevel: number): GrayImage {
	const data = paper.slice();
	for (const {ink, left, top} of placed) {
		for (let y = 0; y < ink.height; y++) {
			for (let x = 0; x < ink.width; x++) {
				const i = (top + y) * width + left + x;
				const alpha = Math.min(1, ink.data[y * ink.width + x]!);
				// Overlapping strokes: the darker wins, as with real ink.
				data[i] = Math.min(data[i]!, paper[i]! * (1 - alpha) + inkLevel * alpha);
			}
		}
	}

	return {width, height: data.length / width, data: data.map(value => Math.min(1, Math.max(0, value)))};
}

/** What a sample may be told instead of drawing it: its number of digits, their height, the paper. */
export type SampleChoices = {length?: number; height?: number; photo?: boolean};

/** One number of `kind` from `source`, drawn by `random` (digit choice included, unless `choices` says). */
export function numberSample(source: DigitSource, kind: NumberKind, random: () => number, choices: SampleChoices = {}): NumberSample {
	const length = choices.length ?? whole(random, 2, 6);
	const height = choices.height ?? whole(random, 30, 150);
	const indices = Array.from({length}, () => source.first + Math.floor(random() * source.count));
	const inks = indices.map(index => scaledDigit(source, index, height));
	const {placed, width, rows} = layout(inks, kind, height, random);
	const photo = choices.photo ?? random() < 0.5;
	const paper = photo ? photoPaper(width, rows, random) : new Float32Array(width * rows).fill(between(random, 0.95, 1));
	const image = paint(paper, width, placed, between(random, 0.05, 0.2));
	return {kind, image, number: indices.map(index => source.labels[index]).join(''), indices};
}
