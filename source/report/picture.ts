// A picture as numbers: a list of shapes with coordinates and colors, laid out by pure
// functions (report-pictures.ts) and drawn to PNG by image/draw.ts. Keeping the layout
// here means scales, ticks and positions are tested without decoding a single pixel.
import type {Rgb} from '../render/heatmap.js';

export type {Rgb} from '../render/heatmap.js';

/** Pixel sizes of the bitmap fonts the drawing has (Open Sans, as jimp ships it). */
export type FontSize = 10 | 12 | 14 | 16 | 32;

export type Point = readonly [number, number];

export type Shape =
	| {type: 'rect'; x: number; y: number; width: number; height: number; fill: Rgb}
	/** A rectangle's outline, drawn inside its bounds. */
	| {type: 'frame'; x: number; y: number; width: number; height: number; color: Rgb; thickness: number}
	/** A polyline, anti-aliased; `dash` is [on, off] lengths in pixels. */
	| {type: 'line'; points: Point[]; color: Rgb; width: number; dash?: readonly [number, number]}
	| {type: 'marker'; x: number; y: number; shape: 'circle' | 'square'; size: number; color: Rgb}
	/**
	 * Text anchored at (x, y): `align` says which side of the text x is, `valign` which
	 * side y is; `vertical` turns it a quarter to read from bottom to top.
	 */
	| {
			type: 'text';
			x: number;
			y: number;
			text: string;
			size: FontSize;
			color: Rgb;
			align: 'left' | 'center' | 'right';
			valign: 'top' | 'middle' | 'bottom';
			vertical?: boolean;
	  }
	/** A grayscale image (values 0–1, 0 = black) scaled up by whole pixels. */
	| {type: 'gray'; x: number; y: number; pixels: ArrayLike<number>; columns: number; rows: number; scale: number};

export type Picture = {width: number; height: number; background: Rgb; shapes: Shape[]};

export const colors = {
	white: [255, 255, 255],
	ink: [34, 34, 34],
	axis: [90, 90, 90],
	grid: [228, 228, 228],
	muted: [150, 150, 150],
	train: [31, 119, 180],
	validation: [255, 127, 14],
	correct: [44, 160, 44],
	wrong: [214, 39, 40],
	correctBand: [223, 242, 223],
	wrongBand: [250, 215, 215],
} as const satisfies Record<string, Rgb>;

export type Ticks = {min: number; max: number; step: number; values: number[]; decimals: number};

/**
 * Round tick values covering [min, max] (Heckbert's "nice numbers"): steps of 1, 2 or 5
 * times a power of ten, about `count` of them; the axis is widened to whole steps.
 */
export function niceTicks(min: number, max: number, count = 5, {integer = false}: {integer?: boolean} = {}): Ticks {
	if (!(max > min)) max = min + (integer ? 1 : Math.abs(min) * 0.1 || 1);
	const range = niceNumber(max - min, false);
	let step = niceNumber(range / Math.max(1, count - 1), true);
	if (integer) step = Math.max(1, Math.round(step));
	const decimals = decimalsOf(step);
	const round = (value: number) => Number(value.toFixed(decimals));
	const low = round(Math.floor(min / step + 1e-9) * step);
	const high = round(Math.ceil(max / step - 1e-9) * step);
	const values: number[] = [];
	for (let i = 0; low + i * step <= high + step / 1e6; i++) values.push(round(low + i * step));
	return {min: low, max: high, step, values, decimals};
}

function niceNumber(value: number, round: boolean): number {
	const exponent = Math.floor(Math.log10(value));
	const fraction = value / 10 ** exponent;
	let nice: number;
	if (round) nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
	else nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
	return nice * 10 ** exponent;
}

/** The fewest decimals that write `step` exactly (0.25 → 2, 5 → 0). */
function decimalsOf(step: number): number {
	for (let decimals = 0; decimals < 10; decimals++) {
		const scaled = step * 10 ** decimals;
		if (Math.abs(scaled - Math.round(scaled)) < 1e-6) return decimals;
	}
	return 10;
}

/** A linear map from a value range onto a pixel range (which may run backwards, as y does). */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): (value: number) => number {
	const [d0, d1] = domain;
	const [r0, r1] = range;
	const span = d1 - d0 || 1;
	return value => r0 + ((value - d0) / span) * (r1 - r0);
}

/** A polyline cut into its dashes: `on` pixels drawn, `off` skipped, continuing around corners. */
export function dashSegments(points: readonly Point[], on: number, off: number): Point[][] {
	const dashes: Point[][] = [];
	let current: Point[] | undefined;
	let drawing = true;
	let left = on;
	for (let i = 1; i < points.length; i++) {
		let [x0, y0] = points[i - 1]!;
		const [x1, y1] = points[i]!;
		let length = Math.hypot(x1 - x0, y1 - y0);
		while (length > 1e-9) {
			const step = Math.min(left, length);
			const t = step / length;
			const x = x0 + (x1 - x0) * t;
			const y = y0 + (y1 - y0) * t;
			if (drawing) {
				current ??= [[x0, y0]];
				current.push([x, y]);
			}
			[x0, y0] = [x, y];
			length -= step;
			left -= step;
			if (left <= 1e-9) {
				if (drawing && current) dashes.push(current);
				current = undefined;
				drawing = !drawing;
				left = drawing ? on : off;
			}
		}
	}
	if (current && current.length > 1) dashes.push(current);
	return dashes;
}

/** A rough width of text in a font size (Open Sans averages about 0.55 em), for spacing legends. */
export function approximateTextWidth(text: string, size: FontSize): number {
	return Math.ceil(text.length * size * 0.55);
}
