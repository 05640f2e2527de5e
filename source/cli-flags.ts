// Flag values checked by hand: meow turns `--epochs abc` into null and prints a stack trace
// for a bad `choices` value, so every number and choice is validated here (exit code 2).

import {UserError} from './errors.js';

export class UsageError extends UserError {
	constructor(message: string) {
		super(message, 2);
	}
}

export function wholeNumber(flag: string, value: string | undefined, fallback: number, minimum = 1): number {
	if (value === undefined) return fallback;
	const parsed = Number(value);
	if (!/^\d+$/.test(value.trim()) || parsed < minimum) {
		throw new UsageError(`--${flag} must be a whole number of at least ${minimum} (got "${value}").`);
	}
	return parsed;
}

export function optionalWholeNumber(flag: string, value: string | undefined, minimum = 1): number | undefined {
	return value === undefined ? undefined : wholeNumber(flag, value, minimum, minimum);
}

/** A number within [minimum, maximum) or, with `exclusiveMinimum`, (minimum, maximum). */
export function fraction(
	flag: string,
	value: string | undefined,
	fallback: number,
	range: {minimum: number; maximum: number; exclusiveMinimum?: boolean; describe: string},
): number {
	if (value === undefined) return fallback;
	const parsed = Number(value);
	const aboveMinimum = range.exclusiveMinimum ? parsed > range.minimum : parsed >= range.minimum;
	if (value.trim() === '' || !Number.isFinite(parsed) || !aboveMinimum || parsed >= range.maximum) {
		throw new UsageError(`--${flag} must be ${range.describe} (got "${value}").`);
	}
	return parsed;
}

export function choice<T extends string>(flag: string, value: string | undefined, fallback: T, choices: readonly T[]): T {
	if (value === undefined) return fallback;
	if (!choices.includes(value as T)) throw new UsageError(`--${flag} must be one of ${choices.join(', ')} (got "${value}").`);
	return value as T;
}
