// Ten probability bars, 0 to 9, as tone-tagged lines: the winner highlighted and marked,
// so it stands out without color too.
import type {Line} from './cells.js';
import {progressBar} from './progress.js';

/** Below this top probability the model is said to be unsure. */
export const UNSURE_BELOW = 0.6;

/** One line per digit: "› 7 ████████▌░░░  91.3%"; `width` is the whole line's. */
export function probabilityBars(probabilities: ArrayLike<number> | null, width: number, ascii = false): Line[] {
	const top = probabilities ? topDigit(probabilities) : undefined;
	const barWidth = Math.max(4, width - 13);
	return Array.from({length: 10}, (_, digit) => {
		const p = probabilities ? (probabilities[digit] ?? 0) : 0;
		const winner = digit === top;
		const bar = progressBar(p, barWidth, ascii).map(cell => (cell.tone === 'accent' ? {...cell, tone: winner ? ('ok' as const) : ('curve' as const)} : cell));
		return [
			{text: winner ? (ascii ? '> ' : '› ') : '  ', tone: winner ? 'ok' : 'plain'},
			{text: `${digit} `, tone: winner ? 'ok' : 'plain'},
			...bar,
			{text: probabilities ? ` ${(p * 100).toFixed(1).padStart(5)}%` : '      -', tone: winner ? 'ok' : 'muted'},
		] as Line;
	});
}

/** The most probable digit. */
export function topDigit(probabilities: ArrayLike<number>): number {
	let best = 0;
	for (let digit = 1; digit < 10; digit++) if ((probabilities[digit] ?? 0) > (probabilities[best] ?? 0)) best = digit;
	return best;
}

/** The two most probable digits, best first. */
export function runnerUp(probabilities: ArrayLike<number>): number {
	const top = topDigit(probabilities);
	let best = top === 0 ? 1 : 0;
	for (let digit = 0; digit < 10; digit++) if (digit !== top && (probabilities[digit] ?? 0) > (probabilities[best] ?? 0)) best = digit;
	return best;
}
