// Finding the digits of a number in its ink: connected groups of ink, specks left out, groups
// that share their columns joined (the pieces of one digit), and groups much wider than the
// line's digits cut where the model reads the pieces best. Pure functions on labelled ink;
// readNumber (number.ts) asks the model.
import type {Component} from './components.js';

/**
 * One digit's share of the ink: components taken whole, and components taken only between two
 * cut paths (where a cut goes through them): in row `top + k`, columns `left[k]` to `right[k] - 1`.
 */
export type Piece = {whole: number[]; cut: number[]; top: number; left: Int32Array; right: Int32Array};

/** The labelled ink of a picture: strength 0..1, component labels (1 + index, 0 for none), its width. */
export type LabelledInk = {data: Float32Array; labels: Int32Array; width: number; components: number};

/** Flags by label (1 + component index): 1 for the given labels, 0 for others. Cheaper than a set in loops over pixels. */
export function labelFlags(ink: LabelledInk, labels: number[], flag = 1, into: Uint8Array = new Uint8Array(ink.components + 1)): Uint8Array {
	for (const label of labels) into[label] = flag;
	return into;
}

/** A group of components read as one digit, or cut into several: its box, and the labels (1 + component index) of its components. */
export type Part = {left: number; top: number; right: number; bottom: number; area: number; labels: number[]; widest: number};

// Groups whose columns overlap by this share of the narrower one are parts of one digit (a 5's bar).
const SAME_COLUMN_SHARE = 0.5;
// A part shorter than this share of the line's digit height is a piece of a digit; so is one
// shorter than the second share with less ink than the third share of the middle part's (a
// sliver of a stroke; a 1 has little ink, but is as tall as the others).
const PIECE_HEIGHT = 0.6;
const SLIVER_HEIGHT = 0.85;
const PIECE_AREA = 0.25;
// A decimal point is at most this share of the line's digit height each way, its bottom at most the second share above the baseline.
const DOT_SIZE = 0.3;
const DOT_BASELINE = 0.2;
// Groups smaller than this share of the largest group are specks.
const SPECK_SHARE = 0.03;
// A part with a stroke (component) this many times wider than the line's digits are tall may be digits that touch: cuts are weighed.
export const WIDE = 1;
// A cut piece is at least this share of the line's digit height wide (a 1 is narrow) and at most this share.
const MIN_PIECE = 0.12;
const MAX_PIECE = 1.3;
// The whole of a wide part may be one digit up to this share of the digit height.
const MAX_WHOLE = 1.6;
// Digits are several strokes tall (MNIST's about 8): a part less tall than this many strokes is not cut.
const MIN_STROKES_TALL = 3;
// Cuts tried per digit the part's width suggests (about 0.8 of the height each).
const CUTS_PER_DIGIT = 3;
// Cuts are tried at the emptiest columns at least this share of the digit height apart.
const CUT_SPACING = 0.15;
// A cut path strays at most this share of the digit height from its column, and pays this for each step sideways.
const CUT_REACH = 0.05;
const SIDEWAYS_COST = 0.05;
// A component with at least this share of its ink on one side of a cut goes there whole: it is not cut.
const WHOLE_SHARE = 0.85;

/** The components that can be digits or their pieces: not specks, and not smaller than a dot of the pen each way. */
export function inkComponents(components: Component[], strokeWidth: number): number[] {
	const largest = Math.max(0, ...components.map(component => component.area));
	return components.flatMap((component, index) => {
		const speck = component.area < SPECK_SHARE * largest;
		const dot = component.right - component.left + 1 < strokeWidth && component.bottom - component.top + 1 < strokeWidth;
		return speck || dot ? [] : [index];
	});
}

/**
 * The digits' parts: the given components, those that share their columns joined, and pieces
 * too small for a digit joined to their nearest neighbour; left to right. A decimal point (or
 * comma) between two digits is set apart as `point`.
 */
export function digitParts(components: Component[], kept: number[]): {parts: Part[]; point: Part | null} {
	const parts: Part[] = kept.map(index => ({...components[index]!, labels: [index + 1], widest: components[index]!.right - components[index]!.left + 1})).sort((a, b) => a.left - b.left);
	const {parts: digits, point} = decimalPoint(joinColumns(parts));
	return {parts: joinPieces(digits), point};
}

/**
 * The first part that is a decimal point or comma: small (well under a third of the line's
 * digit height each way), between two parts and clear of their columns, in the lower half
 * of its neighbours with its bottom near their baseline. Higher up, a small mark is a piece
 * of a digit (a 1's flag, a 5's bar) and is joined to it later. Specks smaller than a dot of
 * the pen never get here (inkComponents).
 */
export function decimalPoint(parts: Part[]): {parts: Part[]; point: Part | null} {
	const height = lineHeight(parts);
	const index = parts.findIndex((part, k) => {
		const [before, after] = [parts[k - 1], parts[k + 1]];
		if (!before || !after || part.left <= before.right || part.right >= after.left) return false;
		const small = part.right - part.left + 1 <= DOT_SIZE * height && part.bottom - part.top + 1 <= DOT_SIZE * height;
		const baseline = (before.bottom + after.bottom) / 2;
		const middle = (before.top + before.bottom + after.top + after.bottom) / 4;
		return small && part.top >= middle && part.bottom >= baseline - DOT_BASELINE * height;
	});
	return index < 0 ? {parts, point: null} : {parts: parts.filter((_, k) => k !== index), point: parts[index]!};
}

/** The two parts as one. */
const joinTwo = (a: Part, b: Part): Part => ({
	left: Math.min(a.left, b.left),
	top: Math.min(a.top, b.top),
	right: Math.max(a.right, b.right),
	bottom: Math.max(a.bottom, b.bottom),
	area: a.area + b.area,
	labels: [...a.labels, ...b.labels],
	widest: Math.max(a.widest, b.widest),
});

/** Joins neighbouring parts (ordered by their left edge) that share their columns. */
function joinColumns(parts: Part[]): Part[] {
	const joined: Part[] = [];
	for (const part of parts) {
		const previous = joined.at(-1);
		const overlap = previous ? Math.min(previous.right, part.right) - Math.max(previous.left, part.left) + 1 : 0;
		if (previous && overlap >= SAME_COLUMN_SHARE * Math.min(previous.right - previous.left + 1, part.right - part.left + 1)) {
			joined[joined.length - 1] = joinTwo(previous, part);
		} else {
			joined.push(part);
		}
	}

	return joined;
}

/**
 * Joins each part that is too small to be a digit (much shorter than the line's digits, or
 * little ink: a 5's bar, a 4's open side, a 1's flag, a sliver of a stroke) to its nearest
 * neighbour, until none is left or one part remains. Every digit of a line is about as tall
 * as the others, a 1 included.
 */
function joinPieces(parts: Part[]): Part[] {
	const joined = [...parts];
	for (;;) {
		const height = lineHeight(joined);
		const areas = joined.map(part => part.area).sort((a, b) => a - b);
		const area = areas[Math.floor(areas.length / 2)] ?? 0;
		const small = joined.findIndex(part => {
			const tall = (part.bottom - part.top + 1) / height;
			return tall < PIECE_HEIGHT || (tall < SLIVER_HEIGHT && part.area < PIECE_AREA * area);
		});
		if (small < 0 || joined.length < 2) return joined;
		const gap = (k: number) => (k < 0 || k >= joined.length ? Infinity : Math.max(joined[k]!.left - joined[small]!.right, joined[small]!.left - joined[k]!.right));
		const other = gap(small - 1) <= gap(small + 1) ? small - 1 : small + 1;
		const [first, second] = [Math.min(small, other), Math.max(small, other)];
		joined.splice(first, 2, joinTwo(joined[first]!, joined[second]!));
	}
}

/** The height of the line's digits: the middle part's height (the taller of the two middle ones), so that a few pieces or merged pairs do not sway it. */
export function lineHeight(parts: Part[]): number {
	const heights = parts.map(part => part.bottom - part.top + 1).sort((a, b) => a - b);
	return heights[Math.floor(heights.length / 2)] ?? 0;
}

/** A path straight down column `x` over the part's rows. */
const straight = (part: Part, x: number) => new Int32Array(part.bottom - part.top + 1).fill(x);

/** A whole part as one piece. */
export const wholePiece = (part: Part): Piece => ({whole: part.labels, cut: [], top: part.top, left: straight(part, part.left), right: straight(part, part.right + 1)});

/** The part's ink in each of its columns. */
export function projection(part: Part, ink: LabelledInk): Float64Array {
	const own = labelFlags(ink, part.labels);
	const total = new Float64Array(part.right - part.left + 1);
	for (let y = part.top; y <= part.bottom; y++) {
		for (let x = part.left; x <= part.right; x++) if (own[ink.labels[y * ink.width + x]!]) total[x - part.left]! += ink.data[y * ink.width + x]!;
	}

	return total;
}

/**
 * Where to try cuts (columns relative to the part's left): the emptiest columns of the ink's
 * vertical projection (smoothed over 3 columns), away from the edges by a narrow digit's width
 * and apart from each other, at most `limit` of them, left to right.
 */
export function cutColumns(ink: Float64Array, height: number, limit: number): number[] {
	const size = ink.length;
	const margin = Math.max(1, Math.round(MIN_PIECE * height));
	const spacing = Math.max(1, Math.round(CUT_SPACING * height));
	const smooth = (x: number) => (ink[x - 1]! + ink[x]! + ink[x + 1]!) / 3;
	const inside = Array.from({length: Math.max(0, size - 2 * margin)}, (_, k) => margin + k).filter(x => x > 0 && x < size - 1);
	// The emptiest first; among equally empty columns, the one nearest the middle of a run of them.
	const order = inside.sort((a, b) => smooth(a) - smooth(b) || Math.abs(a - size / 2) - Math.abs(b - size / 2));
	const chosen: number[] = [];
	for (const x of order) {
		if (chosen.length >= limit) break;
		if (chosen.every(other => Math.abs(other - x) >= spacing)) chosen.push(x);
	}

	return chosen.sort((a, b) => a - b);
}

/**
 * A cut from the top of the part to its bottom near column `x` (absolute): the path through
 * the least ink, one column sideways at most per row and at most `reach` columns from `x`, so
 * that it can follow the slanted gap between two digits that lean into each other. Moving
 * sideways costs a little, so that in paper it goes straight.
 */
export function cutPath(part: Part, ink: LabelledInk, x: number, reach: number): Int32Array {
	const own = labelFlags(ink, part.labels);
	const [low, high] = [Math.max(part.left, x - reach), Math.min(part.right, x + reach)];
	const [rows, size] = [part.bottom - part.top + 1, high - low + 1];
	const cost = new Float64Array(rows * size);
	const from = new Int8Array(rows * size);
	for (let r = 0; r < rows; r++) {
		for (let c = 0; c < size; c++) {
			const i = (part.top + r) * ink.width + low + c;
			const here = own[ink.labels[i]!] ? ink.data[i]! : 0;
			let best = r === 0 ? 0 : Infinity;
			for (let d = -1; d <= 1 && r > 0; d++) {
				if (c + d < 0 || c + d >= size) continue;
				const previous = cost[(r - 1) * size + c + d]! + (d === 0 ? 0 : SIDEWAYS_COST);
				if (previous < best) [best, from[r * size + c]] = [previous, d];
			}

			cost[r * size + c] = best + here;
		}
	}

	// The cheapest bottom cell; among equals the one nearest `x`.
	let end = 0;
	for (let c = 1; c < size; c++) {
		const [a, b] = [cost[(rows - 1) * size + c]!, cost[(rows - 1) * size + end]!];
		if (a < b || (a === b && Math.abs(low + c - x) < Math.abs(low + end - x))) end = c;
	}

	const path = new Int32Array(rows);
	for (let r = rows - 1, c = end; r >= 0; c += from[r * size + c]!, r--) path[r] = low + c;
	return path;
}

/** The piece of a part between two cut paths: components mostly between them whole, those a cut goes through only there; null when none. */
export function pieceBetween(part: Part, ink: LabelledInk, left: Int32Array, right: Int32Array): Piece | null {
	// Counts by label; the labels of other parts' ink in the box are counted too, and not used.
	const inside = new Int32Array(ink.components + 1);
	const all = new Int32Array(ink.components + 1);
	for (let y = part.top; y <= part.bottom; y++) {
		const [from, to] = [left[y - part.top]!, right[y - part.top]!];
		for (let x = part.left; x <= part.right; x++) {
			const label = ink.labels[y * ink.width + x]!;
			all[label]!++;
			if (x >= from && x < to) inside[label]!++;
		}
	}

	const piece: Piece = {whole: [], cut: [], top: part.top, left, right};
	for (const label of part.labels) {
		if (inside[label]! >= WHOLE_SHARE * all[label]!) piece.whole.push(label);
		else if (inside[label]! > (1 - WHOLE_SHARE) * all[label]!) piece.cut.push(label);
	}

	return piece.whole.length + piece.cut.length > 0 ? piece : null;
}

/** A way to read a wide part: its cut paths (its edges first and last) and every piece between two of them that may be a digit. */
export type CutPlan = {points: number; pieces: Array<{from: number; to: number; piece: Piece; fallback?: true}>};

/**
 * Whether a part may be digits that touch: one stroke of it is wider than the line's digits
 * are tall. A part that is wide only because it is pieces joined (a flat 5 with its bar beside
 * it) is one digit, and so is a dash (a part not several strokes tall).
 */
export const mayTouch = (part: Part, height: number, strokeWidth: number) => part.widest > WIDE * height && part.bottom - part.top + 1 >= MIN_STROKES_TALL * strokeWidth;

/** The pieces worth reading in a part of a line of `height`-tall digits: between any two cuts (its edges included), if a digit can be that wide. */
export function cutPlan(part: Part, ink: LabelledInk, height: number): CutPlan {
	const size = part.right - part.left + 1;
	const expected = Math.max(2, Math.round(size / (0.8 * height)));
	const columns = [0, ...cutColumns(projection(part, ink), height, CUTS_PER_DIGIT * expected), size];
	const reach = Math.round(CUT_REACH * height);
	const paths = columns.map((x, k) => (k === 0 || k === columns.length - 1 ? straight(part, part.left + x) : cutPath(part, ink, part.left + x, reach)));
	const pieces: CutPlan['pieces'] = [];
	for (let i = 0; i < columns.length; i++) {
		for (let j = i + 1; j < columns.length; j++) {
			const width = columns[j]! - columns[i]!;
			const whole = i === 0 && j === columns.length - 1;
			// The whole part is read too (a wide 5 or 2 in a line of one digit); much wider, it is only the answer when no cut fits.
			const fits = width >= MIN_PIECE * height && width <= (whole ? MAX_WHOLE : MAX_PIECE) * height;
			if (!fits && !whole) continue;
			const piece = pieceBetween(part, ink, paths[i]!, paths[j]!);
			if (piece) pieces.push({from: i, to: j, piece, ...(fits ? {} : {fallback: true as const})});
		}
	}

	return {points: columns.length, pieces};
}

/**
 * The reading of a cut plan with the highest product of confidences: `confidence[k]` is the
 * model's confidence in `plan.pieces[k]`. Returns the indices of the pieces, left to right.
 */
export function bestCut(plan: CutPlan, confidence: number[]): number[] {
	const chosen = bestPath(plan, confidence, false);
	return chosen.length > 0 ? chosen : bestPath(plan, confidence, true);
}

/** The pieces from the first cut to the last with the highest sum of log confidences; none when there is no such way (fallback pieces only if `fallback`). */
function bestPath(plan: CutPlan, confidence: number[], fallback: boolean): number[] {
	const count = plan.points;
	// best[j]: the highest sum of log confidences of pieces from cut 0 to cut j, and the last piece.
	const best = Array.from({length: count}, () => ({score: -Infinity, last: -1}));
	best[0]!.score = 0;
	for (let j = 1; j < count; j++) {
		plan.pieces.forEach(({from, to}, k) => {
			if (to !== j || best[from]!.score === -Infinity || (plan.pieces[k]!.fallback && !fallback)) return;
			const score = best[from]!.score + Math.log(Math.max(confidence[k]!, 1e-9));
			if (score > best[j]!.score) best[j] = {score, last: k};
		});
	}

	const chosen: number[] = [];
	if (best[count - 1]!.last < 0) return chosen;
	for (let j = count - 1; j > 0; j = plan.pieces[best[j]!.last]!.from) chosen.unshift(best[j]!.last);
	return chosen;
}
