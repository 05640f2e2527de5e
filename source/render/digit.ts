// A grayscale image (28×28 for MNIST) drawn in the terminal: two pixel rows per text row
// with half blocks (▀ foreground = upper pixel, background = lower pixel), in the colors
// the terminal has; a character ramp where there is no UTF-8 (or with --ascii).
// Output is segments with Ink color strings, so a component prints them as <Text> pieces;
// `digitLinesToAnsi` gives the same as escape codes for plain output and exact tests.
import {imageSide, imagePixels} from '../digit-size.js';
import {resize} from '../image/preprocess.js';

/** What the terminal can show: 24-bit, the xterm 256 palette, the 16 named colors, or none. */
export type ColorLevel = 'truecolor' | 'ansi256' | 'ansi16' | 'none';

/**
 * Colors as Ink's <Text color backgroundColor> take them: "#rrggbb", "ansi256(n)" or a
 * chalk name ("black", "gray", "white", "whiteBright"); absent means the terminal's own.
 */
export type DigitSegment = {text: string; fg?: string; bg?: string};
export type DigitLine = DigitSegment[];

export type DigitRenderOptions = {
	colorLevel: ColorLevel;
	/** Only ASCII characters: a brightness ramp, one character per two pixel rows. */
	ascii?: boolean;
	/** Pixels per image row (28 for MNIST); the height follows from the pixel count. */
	width?: number;
};

/** Dark to bright; one character stands for the mean of two stacked pixels. */
export const asciiRamp = ' .:-=+*#%@';

const upperHalf = '▀';
const lowerHalf = '▄';
const fullBlock = '█';

/** Image `index` of an MNIST byte buffer (784 bytes each) as floats in [0, 1], ink bright. */
export function digitPixels(images: Uint8Array, index: number, size = imagePixels): Float32Array {
	const pixels = new Float32Array(size);
	for (let i = 0; i < size; i++) pixels[i] = images[index * size + i]! / 255;
	return pixels;
}

/** Lines of segments, ceil(height / 2) lines of `width` characters each; pixels in [0, 1], 0 = black. */
export function renderDigit(pixels: ArrayLike<number>, options: DigitRenderOptions): DigitLine[] {
	const width = options.width ?? imageSide;
	const height = Math.ceil(pixels.length / width);
	const at = (x: number, y: number) => (y < height ? clamp(pixels[y * width + x] ?? 0) : 0);
	const lines: DigitLine[] = [];
	for (let y = 0; y < height; y += 2) {
		const cells: DigitSegment[] = [];
		for (let x = 0; x < width; x++) cells.push(cell(at(x, y), at(x, y + 1), options));
		lines.push(mergeSegments(cells));
	}
	return lines;
}

/** A 28×28 digit drawn `side` pixels across (`side` / 2 rows), shrunk by averaging so thin strokes stay. */
export function renderDigitAt(pixels: ArrayLike<number>, side: number, options: Omit<DigitRenderOptions, 'width'>): DigitLine[] {
	if (side === imageSide) return renderDigit(pixels, options);
	return renderDigit(resize({width: imageSide, height: imageSide, data: Float32Array.from(pixels)}, side, side).data, {...options, width: side});
}

function cell(upper: number, lower: number, {colorLevel, ascii = false}: DigitRenderOptions): DigitSegment {
	if (ascii) return {text: rampCharacter((upper + lower) / 2)};
	if (colorLevel === 'none') {
		const top = upper >= 0.5;
		const bottom = lower >= 0.5;
		return {text: top && bottom ? fullBlock : top ? upperHalf : bottom ? lowerHalf : ' '};
	}
	const fg = grayColor(upper, colorLevel);
	const bg = grayColor(lower, colorLevel);
	// One color for both halves: a space on that background, so runs merge into one segment.
	return fg === bg ? {text: ' ', bg} : {text: upperHalf, fg, bg};
}

/** The nearest gray the terminal can show, as an Ink color string. */
export function grayColor(value: number, colorLevel: Exclude<ColorLevel, 'none'>): string {
	const level = Math.round(clamp(value) * 255);
	if (colorLevel === 'truecolor') {
		const hex = level.toString(16).padStart(2, '0');
		return `#${hex}${hex}${hex}`;
	}
	if (colorLevel === 'ansi256') return `ansi256(${nearest(ansi256Grays, level).code})`;
	return nearest(ansi16Grays, level).code;
}

// xterm's 24-step gray ramp (232–255: 8, 18, … 238) plus pure black (16) and white (231).
const ansi256Grays: Array<{code: number; level: number}> = [
	{code: 16, level: 0},
	...Array.from({length: 24}, (_, i) => ({code: 232 + i, level: 8 + 10 * i})),
	{code: 231, level: 255},
];
// Typical levels of the four gray named colors (they vary by terminal theme).
const ansi16Grays: Array<{code: string; level: number}> = [
	{code: 'black', level: 0},
	{code: 'gray', level: 110},
	{code: 'white', level: 200},
	{code: 'whiteBright', level: 255},
];

function nearest<T extends {level: number}>(choices: readonly T[], level: number): T {
	let best = choices[0]!;
	for (const choice of choices) if (Math.abs(choice.level - level) < Math.abs(best.level - level)) best = choice;
	return best;
}

/** The ASCII ramp's character for a gray level 0–1. */
export function rampCharacter(value: number): string {
	return asciiRamp[Math.min(asciiRamp.length - 1, Math.floor(value * asciiRamp.length))]!;
}

/** A gray level forced into 0–1 (NaN is 0). */
export function clamp(value: number): number {
	return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

/** Neighbouring cells of the same colors become one segment: fewer, longer strings to draw. */
export function mergeSegments(cells: readonly DigitSegment[]): DigitLine {
	const merged: DigitLine = [];
	for (const next of cells) {
		const last = merged.at(-1);
		if (last && last.fg === next.fg && last.bg === next.bg) last.text += next.text;
		else merged.push({...next});
	}
	return merged;
}

const ansi16Codes: Record<string, number> = {black: 30, gray: 90, white: 37, whiteBright: 97};

/** The SGR parameters for one of our color strings, as foreground or background. */
function sgr(color: string, background: boolean): string {
	if (color.startsWith('#')) {
		const [r, g, b] = [1, 3, 5].map(start => Number.parseInt(color.slice(start, start + 2), 16));
		return `${background ? 48 : 38};2;${r};${g};${b}`;
	}
	const ansi256 = /^ansi256\((\d+)\)$/.exec(color);
	if (ansi256) return `${background ? 48 : 38};5;${ansi256[1]}`;
	const code = ansi16Codes[color];
	if (code === undefined) throw new RangeError(`Unknown terminal color "${color}".`);
	return String(background ? code + 10 : code);
}

/** Each line as a string with escape codes; every colored segment ends with a reset. */
export function digitLinesToAnsi(lines: readonly DigitLine[]): string[] {
	return lines.map(line =>
		line
			.map(({text, fg, bg}) => {
				const codes = [fg === undefined ? undefined : sgr(fg, false), bg === undefined ? undefined : sgr(bg, true)].filter(Boolean);
				return codes.length === 0 ? text : `\u001B[${codes.join(';')}m${text}\u001B[0m`;
			})
			.join(''),
	);
}

/** The characters alone (what a test or a screen reader sees). */
export function digitLinesToText(lines: readonly DigitLine[]): string[] {
	return lines.map(line => line.map(segment => segment.text).join(''));
}
