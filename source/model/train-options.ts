// The rules for each setting of a training run typed as text, shared by `digits train`'s
// flags and the TUI's training form so both accept the same values and say the same words.
// Pure: text in, the value or what was expected out.
import {learningRateSchedules, presetNames} from './presets.js';

/** A checked value, or what was expected instead ("a whole number of at least 1"). */
export type Checked<T> = {value: T; expected?: undefined} | {value?: undefined; expected: string};

export type NumberRange = {minimum: number; maximum: number; exclusiveMinimum?: boolean; describe: string};

/** MNIST's training split: the most images `--limit` can ask for. */
export const trainingImages = 60_000;
const groupedImages = trainingImages.toLocaleString('en-US');

/** A whole number, plain or grouped by thousands with commas ("3,000"). */
function parseWholeNumber(text: string): number | undefined {
	const trimmed = text.trim();
	return /^(\d+|\d{1,3}(,\d{3})+)$/.test(trimmed) ? Number(trimmed.replaceAll(',', '')) : undefined;
}

/** A whole number of at least `minimum` (and at most `maximum`, when given). */
export function checkWholeNumber(text: string, minimum = 1, maximum = Infinity): Checked<number> {
	const parsed = parseWholeNumber(text);
	if (parsed === undefined || parsed < minimum || parsed > maximum) {
		return {expected: maximum === Infinity ? `a whole number of at least ${minimum}` : `a whole number from ${minimum} to ${maximum}`};
	}
	return {value: parsed};
}

function checkImageCount(text: string): Checked<number> {
	const parsed = parseWholeNumber(text);
	if (parsed === undefined || parsed < 1 || parsed > trainingImages)
		return {expected: `a whole number from 1 to ${groupedImages} (the training set has ${groupedImages} images)`};
	return {value: parsed};
}

/** A number within [minimum, maximum) or, with `exclusiveMinimum`, (minimum, maximum). */
export function checkNumberInRange(text: string, range: NumberRange): Checked<number> {
	const parsed = Number(text);
	const aboveMinimum = range.exclusiveMinimum ? parsed > range.minimum : parsed >= range.minimum;
	if (text.trim() === '' || !Number.isFinite(parsed) || !aboveMinimum || parsed >= range.maximum) return {expected: range.describe};
	return {value: parsed};
}

function checkChoice<T extends string>(text: string, choices: readonly T[]): Checked<T> {
	return choices.includes(text as T) ? {value: text as T} : {expected: `one of ${choices.join(', ')}`};
}

const learningRateRange: NumberRange = {minimum: 0, maximum: 10, exclusiveMinimum: true, describe: 'a number above 0 and below 10, e.g. 0.001'};
const validationSplitRange: NumberRange = {minimum: 0, maximum: 1, describe: 'a fraction from 0 up to (not including) 1, e.g. 0.2'};

/** The settings of a training run given as text, keyed as in TrainOptions: one rule each. */
export const trainChecks = {
	preset: (text: string) => checkChoice(text, presetNames),
	schedule: (text: string) => checkChoice(text, learningRateSchedules),
	epochs: (text: string) => checkWholeNumber(text),
	batchSize: (text: string) => checkWholeNumber(text),
	learningRate: (text: string) => checkNumberInRange(text, learningRateRange),
	validationSplit: (text: string) => checkNumberInRange(text, validationSplitRange),
	seed: (text: string) => checkWholeNumber(text, 0),
	limit: (text: string) => checkImageCount(text),
} as const;
