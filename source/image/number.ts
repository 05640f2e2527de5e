// Reads a number: the digits in one picture, left to right. The ink is found once for the
// whole picture (the same paper removal and threshold as a single digit); its connected
// groups are joined into digits, and every digit goes through the one 28×28 normalization.
import {connectedComponents, type Component} from './components.js';
import {findInk} from './ink.js';
import type {GrayImage} from './load.js';
import {digitInput, workingCopy} from './preprocess.js';
import type {Prediction} from '../model/inference.js';
import {imagePixels} from '../digit-size.js';

/** A rectangle in the picture's pixels, from its top-left corner. */
export type Box = {x: number; y: number; width: number; height: number};
export type NumberDigit = Prediction & {box: Box};
export type Separator = {separator: '.'; box: Box};
export type NumberReading = {
	/** The digits and at most one ".", leading zeros kept. */
	number: string;
	/** The product of the digits' confidences. */
	confidence: number;
	digits: NumberDigit[];
	separators: Separator[];
};

/** The model: `count × 784` floats in, one prediction per image out. */
export type Classify = (images: Float32Array) => Promise<Prediction[]>;

// Groups whose columns overlap by this share of the narrower one are parts of one digit (a 5's bar).
const SAME_COLUMN_SHARE = 0.5;
// Groups smaller than this share of the largest group are specks.
const SPECK_SHARE = 0.03;

type Part = {left: number; top: number; right: number; bottom: number; labels: number[]};

/** Joins groups that share their columns (pieces of one digit) and orders the parts left to right. */
function digitParts(components: Component[]): Part[] {
	const largest = Math.max(0, ...components.map(component => component.area));
	const parts: Part[] = components
		.map((component, index) => ({...component, labels: [index + 1]}))
		.filter(component => component.area >= SPECK_SHARE * largest)
		.sort((a, b) => a.left - b.left);
	const joined: Part[] = [];
	for (const part of parts) {
		const previous = joined.at(-1);
		const overlap = previous ? Math.min(previous.right, part.right) - Math.max(previous.left, part.left) + 1 : 0;
		if (previous && overlap >= SAME_COLUMN_SHARE * Math.min(previous.right - previous.left + 1, part.right - part.left + 1)) {
			joined[joined.length - 1] = {
				left: Math.min(previous.left, part.left),
				top: Math.min(previous.top, part.top),
				right: Math.max(previous.right, part.right),
				bottom: Math.max(previous.bottom, part.bottom),
				labels: [...previous.labels, ...part.labels],
			};
		} else {
			joined.push(part);
		}
	}

	return joined;
}

/** The digits in `image`, left to right, read in one call of `classify`; null when there is no ink. */
export async function readNumber(image: GrayImage, classify: Classify): Promise<NumberReading | null> {
	const working = workingCopy(image);
	const ink = findInk(working);
	if (!ink) return null;
	const {width, height, data} = ink.image;
	const mask = Uint8Array.from(data, value => (value > 0 ? 1 : 0));
	const {labels, components} = connectedComponents(mask, width, height);
	const parts = digitParts(components);
	const inputs = new Float32Array(parts.length * imagePixels);
	parts.forEach((part, index) => {
		const own = new Set(part.labels);
		const digit = Float32Array.from(data, (value, i) => (own.has(labels[i]!) ? value : 0));
		inputs.set(digitInput({width, height, data: digit}, ink.strokeWidth)!, index * imagePixels);
	});
	if (parts.length === 0) return null;
	const answers = await classify(inputs);
	const scale = image.width / working.width;
	const digits = parts.map((part, index) => ({
		...answers[index]!,
		box: {x: Math.floor(part.left * scale), y: Math.floor(part.top * scale), width: Math.ceil((part.right - part.left + 1) * scale), height: Math.ceil((part.bottom - part.top + 1) * scale)},
	}));
	return {
		number: digits.map(digit => digit.digit).join(''),
		confidence: digits.reduce((product, digit) => product * digit.confidence, 1),
		digits,
		separators: [],
	};
}
