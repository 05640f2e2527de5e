// Flag values checked by hand: meow turns `--epochs abc` into null and prints a stack trace
// for a bad `choices` value, so every number and choice is validated here (exit code 2).
// The checks are pure (text in, value or what was expected out) so the TUI's training form
// validates as you type with the same rules and words as `digits train`.

import {UserError} from './errors.js';

export class UsageError extends UserError {
	constructor(message: string) {
		super(message, 2);
	}
}

/** A checked value, or what was expected instead ("a whole number of at least 1"). */
export type Checked<T> = {value: T; expected?: undefined} | {value?: undefined; expected: string};

export type NumberRange = {minimum: number; maximum: number; exclusiveMinimum?: boolean; describe: string};

export function checkWholeNumber(text: string, minimum = 1): Checked<number> {
	const parsed = Number(text);
	if (!/^\d+$/.test(text.trim()) || parsed < minimum) return {expected: `a whole number of at least ${minimum}`};
	return {value: parsed};
}

/** A number within [minimum, maximum) or, with `exclusiveMinimum`, (minimum, maximum). */
export function checkNumberInRange(text: string, range: NumberRange): Checked<number> {
	const parsed = Number(text);
	const aboveMinimum = range.exclusiveMinimum ? parsed > range.minimum : parsed >= range.minimum;
	if (text.trim() === '' || !Number.isFinite(parsed) || !aboveMinimum || parsed >= range.maximum) return {expected: range.describe};
	return {value: parsed};
}

export function checkChoice<T extends string>(text: string, choices: readonly T[]): Checked<T> {
	return choices.includes(text as T) ? {value: text as T} : {expected: `one of ${choices.join(', ')}`};
}

export const learningRateRange: NumberRange = {minimum: 0, maximum: 10, exclusiveMinimum: true, describe: 'a number above 0 and below 10, e.g. 0.001'};
export const validationSplitRange: NumberRange = {minimum: 0, maximum: 1, describe: 'a fraction from 0 up to (not including) 1, e.g. 0.2'};

/** The numeric settings of `digits train`, keyed as in TrainOptions: one rule each, for the flags and the form. */
export const trainNumberChecks = {
	epochs: (text: string) => checkWholeNumber(text),
	batchSize: (text: string) => checkWholeNumber(text),
	learningRate: (text: string) => checkNumberInRange(text, learningRateRange),
	validationSplit: (text: string) => checkNumberInRange(text, validationSplitRange),
	seed: (text: string) => checkWholeNumber(text, 0),
	limit: (text: string) => checkWholeNumber(text),
} as const;

function orThrow<T>(flag: string, value: string, checked: Checked<T>): T {
	if (checked.expected !== undefined) throw new UsageError(`--${flag} must be ${checked.expected} (got "${value}").`);
	return checked.value;
}

export function wholeNumber(flag: string, value: string | undefined, fallback: number, minimum = 1): number {
	return value === undefined ? fallback : orThrow(flag, value, checkWholeNumber(value, minimum));
}

export function optionalWholeNumber(flag: string, value: string | undefined, minimum = 1): number | undefined {
	return value === undefined ? undefined : wholeNumber(flag, value, minimum, minimum);
}

export function fraction(flag: string, value: string | undefined, fallback: number, range: NumberRange): number {
	return value === undefined ? fallback : orThrow(flag, value, checkNumberInRange(value, range));
}

export function choice<T extends string>(flag: string, value: string | undefined, fallback: T, choices: readonly T[]): T {
	return value === undefined ? fallback : orThrow(flag, value, checkChoice(value, choices));
}

/**
 * An on/off flag that may be absent: meow turns an absent boolean into false, but
 * `--augment` must fall back to the preset's choice. The last of `--name` / `--no-name` wins.
 */
export function switchFlag(argv: readonly string[], name: string): boolean | undefined {
	let value: boolean | undefined;
	for (const arg of argv) {
		if (arg === '--') break;
		if (arg === `--${name}`) value = true;
		else if (arg === `--no-${name}`) value = false;
	}
	return value;
}
