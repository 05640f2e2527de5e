// The sketch canvas as text (28 rows; 28 pixels wide, or wider for a number): 28×28 pixels
// in 28×14 cells with half blocks, or at twice the
// size (two columns × one row per pixel) for finer mouse work; a character ramp without
// color or UTF-8. The keyboard cursor is a colored pixel, or a letter without color.
import {clamp, grayColor, mergeSegments, rampCharacter, type ColorLevel, type DigitLine, type DigitSegment} from './digit.js';
import {imageSide} from '../digit-size.js';

export type CanvasRenderOptions = {
	colorLevel: ColorLevel;
	ascii?: boolean;
	/** 1: half blocks (28×14 cells); 2: two columns per pixel, one row per pixel (56×28 cells). */
	scale: 1 | 2;
	cursor?: {x: number; y: number};
	/** The cursor's color (an Ink color string); without one, or without color, a letter. */
	cursorColor?: string;
	/** The letter for the cursor when there is no color: o pen up, p painting, x erasing. */
	cursorLetter?: string;
};

const shades = [' ', '░', '▒', '▓', '█'];

export function renderCanvas(pixels: ArrayLike<number>, options: CanvasRenderOptions): DigitLine[] {
	const width = pixels.length / imageSide;
	const at = (x: number, y: number) => clamp(pixels[y * width + x] ?? 0);
	const isCursor = (x: number, y: number) => options.cursor?.x === x && options.cursor.y === y;
	const colored = options.colorLevel !== 'none' && !options.ascii && options.cursorColor !== undefined;
	const letter = options.cursorLetter ?? 'o';
	const lines: DigitLine[] = [];
	if (options.scale === 2) {
		for (let y = 0; y < imageSide; y++) {
			const cells: DigitSegment[] = [];
			for (let x = 0; x < width; x++) {
				const value = at(x, y);
				if (isCursor(x, y)) cells.push(colored ? {text: '  ', bg: options.cursorColor} : {text: letter + letter});
				else if (options.ascii) cells.push({text: rampCharacter(value).repeat(2)});
				else if (options.colorLevel === 'none') cells.push({text: shades[Math.round(value * (shades.length - 1))]!.repeat(2)});
				else cells.push({text: '  ', bg: grayColor(value, options.colorLevel)});
			}
			lines.push(mergeSegments(cells));
		}
		return lines;
	}
	for (let y = 0; y < imageSide; y += 2) {
		const cells: DigitSegment[] = [];
		for (let x = 0; x < width; x++) {
			const upper = at(x, y);
			const lower = at(x, y + 1);
			const cursorUp = isCursor(x, y);
			const cursorDown = isCursor(x, y + 1);
			if ((cursorUp || cursorDown) && !colored) {
				cells.push({text: letter});
				continue;
			}
			if (options.ascii) {
				cells.push({text: rampCharacter((upper + lower) / 2)});
				continue;
			}
			if (options.colorLevel === 'none') {
				const top = upper >= 0.5;
				const bottom = lower >= 0.5;
				cells.push({text: top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' '});
				continue;
			}
			const fg = cursorUp ? options.cursorColor! : grayColor(upper, options.colorLevel);
			const bg = cursorDown ? options.cursorColor! : grayColor(lower, options.colorLevel);
			cells.push(fg === bg ? {text: ' ', bg} : {text: '▀', fg, bg});
		}
		lines.push(mergeSegments(cells));
	}
	return lines;
}

/** Halves an image in each direction by averaging 2×2 blocks: the small "what the model sees". */
export function halveImage(pixels: ArrayLike<number>, width = imageSide): Float32Array {
	const height = Math.ceil(pixels.length / width);
	const half = new Float32Array(Math.ceil(width / 2) * Math.ceil(height / 2));
	const halfWidth = Math.ceil(width / 2);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) half[Math.floor(y / 2) * halfWidth + Math.floor(x / 2)]! += (pixels[y * width + x] ?? 0) / 4;
	}
	return half;
}
