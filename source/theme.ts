// Named color roles, and how many colors the terminal takes: truecolor → 256 → 16 → none.
// Chalk (inside Ink) ignores NO_COLOR, so the level is decided here and a tone simply has
// no color at level 0; emphasis then comes from bold, inverse and symbols, never color alone.
import type {Tone} from './render/cells.js';
import type {ColorLevel as DigitColorLevel} from './render/digit.js';

export type ColorLevel = 0 | 1 | 2 | 3;

export type Theme = {
	level: ColorLevel;
	/** Draw with ASCII only (no UTF-8 locale, or --ascii). */
	ascii: boolean;
	color: (tone: Tone) => string | undefined;
};

type Palette = Record<Exclude<Tone, 'plain'>, readonly [truecolor: string, ansi256: number, ansi16: string]>;

const palette: Palette = {
	muted: ['#8a8a8a', 245, 'gray'],
	accent: ['#d7afff', 183, 'magenta'],
	ok: ['#5fd75f', 77, 'green'],
	bad: ['#ff5f5f', 203, 'red'],
	warn: ['#ffd75f', 221, 'yellow'],
	curve: ['#5fafff', 75, 'cyan'],
	train: ['#ffaf5f', 215, 'yellow'],
	validation: ['#87d787', 114, 'green'],
};

export function createTheme(level: ColorLevel, ascii = false): Theme {
	return {
		level,
		ascii,
		color(tone) {
			if (tone === 'plain' || level === 0) return undefined;
			const [hex, code, name] = palette[tone];
			return level === 3 ? hex : level === 2 ? `ansi256(${code})` : name;
		},
	};
}

/** NO_COLOR wins, then FORCE_COLOR (0–3), then what the terminal says of itself. */
export function detectColorLevel(env: NodeJS.ProcessEnv = process.env, isTTY = Boolean(process.stdout.isTTY)): ColorLevel {
	if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return 0;
	const forced = env['FORCE_COLOR'];
	if (forced !== undefined) {
		if (forced === '' || forced === 'true') return 1;
		if (forced === 'false') return 0;
		const level = Number.parseInt(forced, 10);
		if (level >= 0 && level <= 3) return level as ColorLevel;
	}
	if (!isTTY || env['TERM'] === 'dumb') return 0;
	if (/^(truecolor|24bit)$/i.test(env['COLORTERM'] ?? '') || /-direct$/.test(env['TERM'] ?? '')) return 3;
	if (/256/.test(env['TERM'] ?? '')) return 2;
	return 1;
}

/** Half blocks, box drawing and braille need a UTF-8 locale. */
export function detectAscii(env: NodeJS.ProcessEnv = process.env): boolean {
	const locale = env['LC_ALL'] || env['LC_CTYPE'] || env['LANG'] || '';
	return !/utf-?8/i.test(locale);
}

/** The theme's colour level as the digit renderers name it. */
export function colorLevelOf(theme: Theme): DigitColorLevel {
	return (['none', 'ansi16', 'ansi256', 'truecolor'] as const)[theme.level];
}
