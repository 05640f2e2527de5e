// Finds the ink in a picture of a digit: which way round it is (dark on light or light on
// dark), what the paper looks like under uneven light, which pixels are strokes, and
// which groups of them are speckles or the table around the paper rather than the digit.
import {type Component, connectedComponents, dilate} from './components.js';
import type {GrayImage} from './load.js';
import {otsuThreshold, paperSurface, quantile, quantiles} from './threshold.js';

// Below this contrast between paper and the strongest ink the picture is blank.
const MIN_CONTRAST = 0.1;
// Ink must stand out this many times the paper's own noise (texture, grain, JPEG).
const NOISE_MARGIN = 4;
// Groups smaller than this share of the largest group are dust, grain or stray marks.
const SPECKLE_SHARE = 0.05;
// A group covering this share of the picture's outermost pixels is the surroundings, not a stroke.
const FRAME_SHARE = 0.2;
// Strokes are thin for the digit's size: stroke width over the digit's longer side is about
// 0.1–0.25 for digits (MNIST's 2–5 px in 20); light ink bolder than this may be a page.
const BLOB_BOLDNESS = 0.2;
// Ink weaker than this share of the strokes' level is left out (faint shadows, texture).
const FAINT_SHARE = 0.1;

export type Ink = {
	/** Ink strength 0..1 (bright ink on black), zero outside the digit. */
	image: GrayImage;
	/** Mean stroke width in pixels, from the strokes' area and outline. */
	strokeWidth: number;
};

/** Whether the ink is darker than the paper: the darker tail of the histogram reaches further from the middle. */
function isDarkInk(image: GrayImage): boolean {
	const [median, low, high] = quantiles(image.data, [0.5, 0.002, 0.998]) as [number, number, number];
	return median - low >= high - median;
}

function inverted(data: Float32Array): Float32Array {
	const out = new Float32Array(data.length);
	for (let i = 0; i < data.length; i++) out[i] = 1 - data[i]!;
	return out;
}

/** Which groups of stroke pixels belong to the digit (not the frame around the paper, not speckles), and whether a frame was left out. */
function digitComponents(components: Component[], width: number, height: number): {keep: Set<number>; framed: boolean} {
	const edge = Math.max(1, 2 * (width + height) - 4);
	const indices = components.map((_, index) => index);
	const frames = indices.filter(index => components[index]!.edgePixels >= FRAME_SHARE * edge);
	const inner = indices.filter(index => !frames.includes(index));
	// A digit cropped to its edges touches them too: the frame rule applies only when something else is left.
	const candidates = inner.length > 0 ? inner : indices;
	const largest = Math.max(0, ...candidates.map(index => components[index]!.area));
	return {keep: new Set(candidates.filter(index => components[index]!.area >= Math.max(2, SPECKLE_SHARE * largest))), framed: candidates === inner && frames.length > 0};
}

/** The ink when it is darker (`dark`) or lighter than the paper; `boldness` is stroke width over the digit's longer side. */
export function inkOfPolarity(image: GrayImage, dark: boolean): (Ink & {boldness: number; contrast: number; touchesEdge: boolean; framed: boolean}) | null {
	const {width, height} = image;
	const paperLight: GrayImage = dark ? image : {width, height, data: inverted(image.data)};
	const {surface, noise} = paperSurface(paperLight);
	// Darkness below the paper's own level; what is lighter than the paper is not ink.
	const darkness = new Float32Array(width * height);
	let strongest = 0;
	for (let i = 0; i < darkness.length; i++) {
		darkness[i] = Math.max(0, surface[i]! - paperLight.data[i]!);
		if (darkness[i]! > strongest) strongest = darkness[i]!;
	}

	if (strongest < Math.max(MIN_CONTRAST, NOISE_MARGIN * noise)) return null;

	// Plain loops rather than typed arrays' map: its callbacks were a tenth of a small upload's time.
	const scaled = new Float32Array(darkness.length);
	for (let i = 0; i < scaled.length; i++) scaled[i] = darkness[i]! / strongest;
	const threshold = Math.max(otsuThreshold(scaled), (NOISE_MARGIN * noise) / strongest);
	const strokes = new Uint8Array(width * height);
	for (let i = 0; i < strokes.length; i++) strokes[i] = scaled[i]! >= threshold ? 1 : 0;
	const {labels, components} = connectedComponents(strokes, width, height);
	const {keep, framed} = digitComponents(components, width, height);
	if (keep.size === 0) return null;

	const digit = new Uint8Array(width * height);
	const kept = [...keep].map(index => components[index]!);
	const boxWidth = Math.max(...kept.map(c => c.right)) - Math.min(...kept.map(c => c.left)) + 1;
	const boxHeight = Math.max(...kept.map(c => c.bottom)) - Math.min(...kept.map(c => c.top)) + 1;
	let area = 0;
	for (let i = 0; i < labels.length; i++) {
		if (labels[i]! > 0 && keep.has(labels[i]! - 1)) {
			digit[i] = 1;
			area++;
		}
	}

	// Outline pixels: stroke pixels with a 4-neighbour outside the strokes (or outside the picture).
	let outline = 0;
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const i = y * width + x;
			if (digit[i] && (x === 0 || y === 0 || x === width - 1 || y === height - 1 || !digit[i - 1] || !digit[i + 1] || !digit[i - width] || !digit[i + width])) outline++;
		}
	}

	// The strokes' own level (not a dark speck's) is full strength; soft edges next to strokes stay.
	const level = quantile(scaled, 0.95, digit);
	const near = dilate(digit, width, height, 2);
	const data = new Float32Array(width * height);
	const faint = Math.max(FAINT_SHARE, (3 * noise) / strongest);
	for (let i = 0; i < data.length; i++) {
		if (!near[i]) continue;
		const value = Math.min(1, scaled[i]! / level);
		data[i] = value >= faint ? value : 0;
	}

	const strokeWidth = (2 * area) / Math.max(1, outline);
	const touchesEdge = kept.some(component => component.edgePixels > 0);
	return {image: {width, height, data}, strokeWidth, boldness: strokeWidth / Math.max(boxWidth, boxHeight), contrast: level * strongest, touchesEdge, framed};
}

/**
 * The digit's ink, or null when the picture has none ("no digit found"). The histogram
 * says which way round the picture is. One case fools it: a page photographed on a larger
 * dark table looks like a light blob on dark. So when it finds a light blob clear of the
 * picture's edges, the other way round is tried, and taken if it finds the table (a frame
 * along the edges) and, inside it, strokes half as thick or thinner, of comparable contrast.
 */
export function findInk(image: GrayImage): Ink | null {
	const guess = isDarkInk(image);
	const first = inkOfPolarity(image, guess);
	if (!first || guess || first.boldness <= BLOB_BOLDNESS || first.touchesEdge) return first;
	const other = inkOfPolarity(image, true);
	return other?.framed && other.boldness <= first.boldness / 2 && other.contrast >= first.contrast / 2 ? other : first;
}
