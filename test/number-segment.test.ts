// Finding a number's digits in its ink (source/image/segment.ts), on small hand-made bitmaps:
// '#' is ink. No model: where a cut is weighed, a fake confidence says which pieces look like digits.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {connectedComponents} from '../source/image/components.js';
import {bestCut, cutPlan, digitParts, inkComponents, type LabelledInk, lineHeight, mayTouch, type Part} from '../source/image/segment.js';

/** The labelled ink of a bitmap drawn as rows of '#' (ink) and '.' (paper). */
function bitmap(rows: string[]): LabelledInk & {parts: Part[]; point: Part | null} {
	const width = rows[0]!.length;
	const mask = Uint8Array.from(rows.join(''), character => (character === '#' ? 1 : 0));
	const {labels, components} = connectedComponents(mask, width, rows.length);
	// Strokes two pixels wide, as drawn here.
	const {parts, point} = digitParts(components, inkComponents(components, 2));
	return {data: Float32Array.from(mask), labels, width, components: components.length, parts, point};
}

const spans = (parts: Part[]) => parts.map(({left, right}) => [left, right]);

// Two rings ("0"), 6 wide and 10 tall, with strokes 2 wide.
const ring = ['######', '######', '##..##', '##..##', '##..##', '##..##', '##..##', '##..##', '######', '######'];
const row = (pieces: string[][], gap: string) => ring.map((_, y) => pieces.map(piece => piece[y]).join(gap));
/** The rows with a pixel of paper all round. */
const framed = (rows: string[]) => {
	const paper = '.'.repeat(rows[0]!.length + 2);
	return [paper, ...rows.map(line => `.${line}.`), paper];
};

test('two separate blobs are two digits, left to right', () => {
	const {parts, point} = bitmap(framed(row([ring, ring], '....')));
	assert.deepEqual(spans(parts), [[1, 6], [11, 16]]);
	assert.equal(point, null);
});

test('two touching digits are one wide group; the cut whose pieces read best splits it between them', () => {
	// The rings one pixel apart, joined by a stroke in the middle row.
	const ink = bitmap(framed(ring.map((line, y) => `${line}${y === 5 ? '#' : '.'}${line}`)));
	assert.equal(ink.parts.length, 1);
	const [part] = ink.parts;
	const height = lineHeight(ink.parts);
	assert.ok(mayTouch(part!, height, 2), 'wider than a digit');
	const plan = cutPlan(part!, ink, height);
	// The fake model is sure of pieces as wide as one ring, and unsure of anything else.
	const widthOf = (k: number) => plan.pieces[k]!.piece.right[0]! - plan.pieces[k]!.piece.left[0]!;
	const chosen = bestCut(plan, plan.pieces.map((_, k) => (widthOf(k) === 6 || widthOf(k) === 7 ? 0.95 : 0.3)));
	assert.deepEqual(chosen.map(k => [plan.pieces[k]!.piece.left[0], plan.pieces[k]!.piece.right[0]]), [[1, 7], [7, 14]]);
});

test('a 5 whose top bar is drawn apart is one digit', () => {
	const five = ['.#######', '........', '.##.....', '.##.....', '.######.', '......##', '......##', '......##', '.######.', '.#####..'];
	const {parts} = bitmap(framed(five));
	assert.equal(parts.length, 1);
	assert.equal(parts[0]!.labels.length, 2, 'the bar and the body are one part');
});

test('an i-like 1 with its flag apart is one digit', () => {
	const one = ['..##', '....', '..##', '..##', '..##', '..##', '..##', '..##', '..##', '..##'];
	const {parts} = bitmap(framed(row([ring, one, ring], '....')));
	assert.equal(parts.length, 3);
	assert.equal(parts[1]!.labels.length, 2);
});

test('specks smaller than a dot of the pen are not digits', () => {
	const rows = framed(row([ring, ring], '....'));
	const speck = (x: number, y: number) => (rows[y] = `${rows[y]!.slice(0, x)}#${rows[y]!.slice(x + 1)}`);
	speck(8, 0);
	speck(9, 5);
	speck(9, 11);
	const {parts, point} = bitmap(rows);
	assert.deepEqual(spans(parts), [[1, 6], [11, 16]]);
	assert.equal(point, null);
});

test('a dot on the baseline between two digits is a decimal point, not a digit', () => {
	const dot = ring.map((_, y) => (y >= 8 ? '##' : '..'));
	const {parts, point} = bitmap(framed(row([ring, dot, ring], '..')));
	assert.deepEqual(spans(parts), [[1, 6], [13, 18]]);
	assert.deepEqual(point && [point.left, point.top, point.right, point.bottom], [9, 9, 10, 10]);
});

test('a mark of the same size high up between two digits is no point: it is joined to a digit', () => {
	const flag = ring.map((_, y) => (y === 2 || y === 3 ? '##' : '..'));
	const {parts, point} = bitmap(framed(row([ring, flag, ring], '..')));
	assert.equal(point, null);
	assert.equal(parts.length, 2);
});
