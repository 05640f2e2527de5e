// How many random test digits the Examples screen shows for a window size, how big, and
// what each one's caption says. Pure, so it is tested without Ink.
import {imageSide} from '../../digit-size.js';
import type {Line} from '../../render/cells.js';
import {percent} from '../../render/format.js';
import {gridSize, predictionCaption, type PredictedImage} from '../../render/gallery.js';

export type ExamplesLayout = {
	columns: number;
	rows: number;
	/** Pixels across a drawn digit: 28, or 14 (half size) where full-size digits would leave the window nearly empty. */
	side: number;
	/** Half-size digits carry shorter captions that fit their width. */
	compact: boolean;
};

/** Caption rows under each digit: the prediction, then the test index or the runner-up. */
const CAPTION_ROWS = 2;
/** Fewer full-size digits than this (80×24 holds two) and the screen draws them at half size. */
const FEWEST_FULL_SIZE = 4;

/** The grid for a screen area of `width` × `height` (a title line and a blank line above the digits). */
export function examplesLayout(width: number, height: number): ExamplesLayout {
	const area = {width: width - 2, height: height - 2};
	const full = gridSize(area, {width: imageSide, height: imageSide / 2 + CAPTION_ROWS});
	if (full.columns * full.rows >= FEWEST_FULL_SIZE) return {...full, side: imageSide, compact: false};
	const side = imageSide / 2;
	// A tile is as wide as its digit: the widest compact caption ("3 -> 5 100.0%") fits in 14.
	return {...gridSize(area, {width: side, height: side / 2 + CAPTION_ROWS}), side, compact: true};
}

/**
 * The two lines under a digit: "7 ✓ 99.8%" and its test index when right; "true 4 → 9 87.0%"
 * and the runner-up when wrong. Compact: "4 → 9 87.0%" and "2nd 4 11.0%", no index.
 */
export function exampleCaption(image: PredictedImage, second: {digit: number; probability: number}, {ascii, compact}: {ascii: boolean; compact: boolean}): Line[] {
	const right = image.label === image.predicted;
	const first = compact && !right ? `${image.label} ${ascii ? '->' : '→'} ${image.predicted} ${percent(image.confidence, 1)}` : predictionCaption(image, {ascii});
	const runnerUp = `${compact ? '2nd' : 'runner-up'} ${second.digit} ${percent(second.probability, 1)}`;
	return [
		[{text: first, tone: right ? 'ok' : 'bad'}],
		right ? [{text: `#${image.index}`, tone: 'muted'}] : compact ? [{text: runnerUp, tone: 'bad'}] : [{text: runnerUp, tone: 'bad'}, {text: `  #${image.index}`, tone: 'muted'}],
	];
}
