// What the screens say about a person's samples (the digits kept to teach a model their
// handwriting): the question after `t`, what saving one did, and a count per digit.
import {counted} from './format.js';

/** The question after `t`, until a digit or Esc answers it. */
export function samplePrompt(ascii: boolean): string {
	const dot = ascii ? ' | ' : ' · ';
	return `Which digit is it? 0-9 saves it as a sample of your handwriting${dot}Esc cancels`;
}

/** After saving `file` (as people write paths) as a sample of `digit`; `counts` is each digit's count now. */
export function sampleSavedMessage(file: string, digit: number, counts: readonly number[]): string {
	const total = counts.reduce((sum, value) => sum + value, 0);
	return `Saved as a ${digit}: ${digit} has ${counted(counts[digit] ?? 0, 'sample')} now (${total} in all), in ${file}`;
}

/** Each digit's count on one line: "0:4 1:5 … 9:3, 42 in all". */
export function sampleCountsLine(counts: readonly number[]): string {
	const total = counts.reduce((sum, value) => sum + value, 0);
	return `${counts.map((value, digit) => `${digit}:${value}`).join(' ')}, ${total} in all`;
}
