// Flag values checked by hand: meow turns `--epochs abc` into null and prints a stack trace
// for a bad `choices` value, so every number and choice is validated here (exit code 2)
// with the same rules as the TUI's training form.
import {UserError} from './errors.js';
import type {Checked} from './model/train-options.js';

export class UsageError extends UserError {
	constructor(message: string) {
		super(message, 2);
	}
}

/** The flag's value as `check` reads it, `fallback` when the flag is absent; a usage error naming the flag when wrong. */
export function flagValue<T, F = T>(flag: string, value: string | undefined, fallback: F, check: (text: string) => Checked<T>): T | F {
	if (value === undefined) return fallback;
	const checked = check(value);
	if (checked.expected !== undefined) throw new UsageError(`--${flag} must be ${checked.expected} (got "${value}").`);
	return checked.value;
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
