// Which test digits to show and how many fit: the misclassified ones (all, or one
// confused pair) in the order asked for, pages of them, a seeded random draw for the
// Examples screen and the report, and the runner-up digit of a prediction.
import {seededRandom, shuffledIndices} from '../random.js';
import {percent} from './format.js';

/** Per-image results as the model service's evaluate returns them, in test-set order. */
export type ImageResults = {labels: ArrayLike<number>; predicted: ArrayLike<number>; confidences: ArrayLike<number>};

export type PredictedImage = {index: number; label: number; predicted: number; confidence: number};

/** "confidence": the most confident mistakes first (the telling ones); "index": test-set order. */
export type MistakeOrder = 'confidence' | 'index';

export function predictedImage(results: ImageResults, index: number): PredictedImage {
	return {index, label: results.labels[index]!, predicted: results.predicted[index]!, confidence: results.confidences[index]!};
}

/** The misclassified images, optionally of one (true label, predicted label) pair only. */
export function misclassified(
	results: ImageResults,
	{order = 'confidence', pair}: {order?: MistakeOrder; pair?: {label: number; predicted: number}} = {},
): PredictedImage[] {
	const mistakes: PredictedImage[] = [];
	for (let index = 0; index < results.labels.length; index++) {
		const label = results.labels[index]!;
		const predicted = results.predicted[index]!;
		if (label === predicted) continue;
		if (pair && (pair.label !== label || pair.predicted !== predicted)) continue;
		mistakes.push(predictedImage(results, index));
	}
	if (order === 'confidence') mistakes.sort((a, b) => b.confidence - a.confidence || a.index - b.index);
	return mistakes;
}

export type Page<T> = {items: T[]; page: number; pages: number; first: number};

/** Page `page` (0-based, clamped to the last page) of `perPage` items; at least one page, even when empty. */
export function pageOf<T>(items: readonly T[], page: number, perPage: number): Page<T> {
	const size = Math.max(1, Math.floor(perPage));
	const pages = Math.max(1, Math.ceil(items.length / size));
	const current = Math.min(Math.max(0, Math.floor(page)), pages - 1);
	const first = current * size;
	return {items: items.slice(first, first + size), page: current, pages, first};
}

/** How many tiles fit in an area (columns × rows, at least 1 × 1), with gaps between tiles. */
export function gridSize(
	area: {width: number; height: number},
	tile: {width: number; height: number},
	gap: {columns: number; rows: number} = {columns: 2, rows: 1},
): {columns: number; rows: number} {
	const fit = (space: number, size: number, between: number) => Math.max(1, Math.floor((space + between) / (size + between)));
	return {columns: fit(area.width, tile.width, gap.columns), rows: fit(area.height, tile.height, gap.rows)};
}

/** `count` different test-image indices out of `total`, the same for the same seed. */
export function randomIndices(total: number, count: number, seed: number): number[] {
	return Array.from(shuffledIndices(total, seededRandom(seed)).subarray(0, Math.min(count, total)));
}

/** The second most probable digit of row `row` in a `count × 10` probability array. */
export function runnerUp(probabilities: ArrayLike<number>, row = 0): {digit: number; probability: number} {
	const at = (digit: number) => probabilities[row * 10 + digit]!;
	let best = 0;
	for (let digit = 1; digit < 10; digit++) if (at(digit) > at(best)) best = digit;
	let second = best === 0 ? 1 : 0;
	for (let digit = 0; digit < 10; digit++) if (digit !== best && at(digit) > at(second)) second = digit;
	return {digit: second, probability: at(second)};
}

/** One line under a digit: "7 ✓ 99.8%" when right, "true 4 → 9 87.0%" when wrong. */
export function predictionCaption(image: Omit<PredictedImage, 'index'>, {ascii = false}: {ascii?: boolean} = {}): string {
	const confidence = percent(image.confidence, 1);
	if (image.label === image.predicted) return `${image.label} ${ascii ? 'ok' : '✓'} ${confidence}`;
	return `true ${image.label} ${ascii ? '->' : '→'} ${image.predicted} ${confidence}`;
}
