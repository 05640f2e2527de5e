// Reads a number: the digits in one picture, left to right. The ink is found once for the
// whole picture (the same paper removal and threshold as a single digit); its connected
// groups are joined into digits (segment.ts), groups much wider than the line's digits are
// weighed cut and uncut, and every digit goes through the one 28×28 normalization. All the
// pieces of one picture go to the model in one call.
import {connectedComponents} from './components.js';
import {findInk} from './ink.js';
import type {GrayImage} from './load.js';
import {digitInput, workingCopy} from './preprocess.js';
import {bestCut, type CutPlan, cutPlan, digitParts, inkComponents, labelFlags, type LabelledInk, lineHeight, mayTouch, type Part, type Piece, wholePiece} from './segment.js';
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

/** The labelled ink of a picture and the picture under it (working size). */
type PictureInk = LabelledInk & {picture: GrayImage; strokeWidth: number};

/** Whether pixel (x, y) is the piece's: its label taken whole (flag 1), or taken between the cuts (flag 2) and between them. */
const takes = (piece: Piece, flag: number, x: number, y: number) => flag === 1 || (flag === 2 && x >= piece.left[y - piece.top]! && x < piece.right[y - piece.top]!);

/** A piece's ink cropped to its own bounds (in working pixels), with the picture under it; null when it has none. */
function pieceInk(ink: PictureInk, part: Part, piece: Piece): {box: Box; digit: GrayImage; picture: GrayImage} | null {
	const {data, labels, width} = ink;
	const flags = labelFlags(ink, piece.cut, 2, labelFlags(ink, piece.whole));
	let [left, top, right, bottom] = [Infinity, Infinity, -1, -1];
	for (let y = part.top; y <= part.bottom; y++) {
		for (let x = part.left; x <= part.right; x++) {
			if (!takes(piece, flags[labels[y * width + x]!]!, x, y)) continue;
			[left, right, top, bottom] = [Math.min(left, x), Math.max(right, x), Math.min(top, y), Math.max(bottom, y)];
		}
	}

	if (right < 0) return null;
	const box = {x: left, y: top, width: right - left + 1, height: bottom - top + 1};
	const digit = new Float32Array(box.width * box.height);
	const picture = new Float32Array(box.width * box.height);
	for (let y = top; y <= bottom; y++) {
		for (let x = left; x <= right; x++) {
			const [i, o] = [y * width + x, (y - top) * box.width + x - left];
			if (takes(piece, flags[labels[i]!]!, x, y)) digit[o] = data[i]!;
			picture[o] = ink.picture.data[i]!;
		}
	}

	return {box, digit: {width: box.width, height: box.height, data: digit}, picture: {width: box.width, height: box.height, data: picture}};
}

/** What one part is read as: the whole part, or (when it is wide) every piece a cut could leave. */
type Reading = {part: Part; pieces: Piece[]; plan?: CutPlan};

/** The readings of the parts: a part that may be digits touching gets a cut plan. */
function partReadings(parts: Part[], ink: PictureInk): Reading[] {
	const height = lineHeight(parts);
	return parts.map(part => {
		if (!mayTouch(part, height, ink.strokeWidth)) return {part, pieces: [wholePiece(part)]};
		const plan = cutPlan(part, ink, height);
		return {part, pieces: plan.pieces.map(({piece}) => piece), plan};
	});
}

/** The digits in `image`, left to right, read in one call of `classify`; null when there is no ink. */
export async function readNumber(image: GrayImage, classify: Classify): Promise<NumberReading | null> {
	const working = workingCopy(image);
	const found = findInk(working);
	if (!found) return null;
	const {width, height, data} = found.image;
	const mask = new Uint8Array(data.length);
	for (let i = 0; i < data.length; i++) mask[i] = data[i]! > 0 ? 1 : 0;
	const {labels, components} = connectedComponents(mask, width, height);
	const ink: PictureInk = {data, labels, width, components: components.length, picture: working, strokeWidth: found.strokeWidth};
	const {parts, point} = digitParts(components, inkComponents(components, found.strokeWidth));
	const readings = partReadings(parts, ink);
	const inks = readings.flatMap(({part, pieces}) => pieces.map(piece => pieceInk(ink, part, piece)));
	if (inks.length === 0) return null;
	const inputs = new Float32Array(inks.length * imagePixels);
	inks.forEach((piece, index) => {
		const input = piece && digitInput(piece.digit, found.strokeWidth, piece.picture);
		if (input) inputs.set(input, index * imagePixels);
	});
	const answers = await classify(inputs);
	const scale = image.width / working.width;
	const toImage = (box: Box): Box => ({x: Math.floor(box.x * scale), y: Math.floor(box.y * scale), width: Math.ceil(box.width * scale), height: Math.ceil(box.height * scale)});
	const digits: NumberDigit[] = [];
	let first = 0;
	for (const {pieces, plan} of readings) {
		const own = answers.slice(first, first + pieces.length);
		const chosen = plan ? bestCut(plan, own.map(answer => answer.confidence)) : [0];
		for (const k of chosen) if (inks[first + k]) digits.push({...own[k]!, box: toImage(inks[first + k]!.box)});
		first += pieces.length;
	}

	const separators: Separator[] = point ? [{separator: '.', box: toImage({x: point.left, y: point.top, width: point.right - point.left + 1, height: point.bottom - point.top + 1})}] : [];
	// The point goes after the digits whose middle is left of it.
	const before = point ? digits.filter(digit => digit.box.x + digit.box.width / 2 < separators[0]!.box.x).length : digits.length;
	const number = digits.map(digit => String(digit.digit));
	if (point) number.splice(before, 0, '.');
	return {number: number.join(''), confidence: digits.reduce((product, digit) => product * digit.confidence, 1), digits, separators};
}
