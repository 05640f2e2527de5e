// On-the-fly augmentation of MNIST batches: each 28×28 image gets a random affine warp,
// sometimes thicker or thinner strokes, sometimes an elastic distortion. Pure functions on
// typed arrays, so the training loop can call it once per batch before making a tensor.
import {imageSide, imagePixels} from '../digit-size.js';

// The padded copy has a one-pixel zero border, so bilinear sampling needs no bounds checks.
const PADDED = imageSide + 2;
const CENTER = (imageSide - 1) / 2;

export type ElasticOptions = {
	/** Displacement scale in pixels per unit of smoothed noise (Simard et al. used ~34). */
	alpha: number;
	/** Standard deviation of the Gaussian that smooths the noise, in pixels. */
	sigma: number;
	/** Chance that an image is distorted at all. */
	probability: number;
};

export type AugmentOptions = {
	/** Largest shift in pixels, each axis. */
	shift: number;
	/** Largest rotation in degrees, either way. */
	rotation: number;
	/** Largest relative change of size: 0.1 → 0.9..1.1. */
	scale: number;
	/** Largest horizontal shear factor (x moves by shear·y): 0.2 ≈ 11°. */
	shear: number;
	/** Chance that strokes are thickened or thinned (half each). */
	thickness: number;
	elastic: ElasticOptions;
};

/** Strong enough to vary handwriting, mild enough that every digit stays readable. */
export const defaultAugmentation: AugmentOptions = {
	shift: 2,
	rotation: 12,
	scale: 0.1,
	shear: 0.2,
	thickness: 0.3,
	elastic: {alpha: 34, sigma: 5, probability: 0.4},
};

/** No change at all: what augmentBatch does with it is a copy. */
export const noAugmentation: AugmentOptions = {
	shift: 0,
	rotation: 0,
	scale: 0,
	shear: 0,
	thickness: 0,
	elastic: {alpha: 0, sigma: 1, probability: 0},
};

/**
 * A 2×3 matrix [a, b, c, d, e, f] mapping an output pixel (x, y) to the source position
 * (a·x + b·y + c, d·x + e·y + f) it is sampled from: the inverse of the visible motion.
 */
export type AffineMatrix = Float64Array;

export const identityMatrix = (): AffineMatrix => Float64Array.of(1, 0, 0, 0, 1, 0);

export type AffineParameters = {
	/** Degrees; positive turns clockwise on screen (y points down). */
	rotation: number;
	/** Size factor, 1 for none. */
	scale: number;
	/** Horizontal shear factor: x moves by shear·(y − center). */
	shear: number;
	/** Pixels to the right. */
	shiftX: number;
	/** Pixels down. */
	shiftY: number;
};

/**
 * The sampling matrix of shear, then scale, then rotation about the image center, then a
 * shift. Written into `out` when given.
 */
export function affineMatrix(parameters: AffineParameters, out: AffineMatrix = new Float64Array(6)): AffineMatrix {
	const angle = (parameters.rotation * Math.PI) / 180;
	const cos = Math.cos(angle);
	const sin = Math.sin(angle);
	const {scale, shear} = parameters;
	// Inverse of rotation·scale·shear: shear⁻¹ · scale⁻¹ · rotation⁻¹.
	const a = (cos + shear * sin) / scale;
	const b = (sin - shear * cos) / scale;
	const d = -sin / scale;
	const e = cos / scale;
	const x = CENTER + parameters.shiftX;
	const y = CENTER + parameters.shiftY;
	out[0] = a;
	out[1] = b;
	out[2] = CENTER - (a * x + b * y);
	out[3] = d;
	out[4] = e;
	out[5] = CENTER - (d * x + e * y);
	return out;
}

const still: AffineParameters = {rotation: 0, scale: 1, shear: 0, shiftX: 0, shiftY: 0};

/** A uniform draw in [-1, 1). */
const symmetric = (random: () => number): number => random() * 2 - 1;

/** Random affine parameters within the options' limits; a limit of 0 draws nothing for it. Written into `out` when given. */
export function randomAffine(options: AugmentOptions, random: () => number, out: AffineParameters = {...still}): AffineParameters {
	out.rotation = options.rotation > 0 ? symmetric(random) * options.rotation : 0;
	out.scale = options.scale > 0 ? 1 + symmetric(random) * options.scale : 1;
	out.shear = options.shear > 0 ? symmetric(random) * options.shear : 0;
	out.shiftX = options.shift > 0 ? symmetric(random) * options.shift : 0;
	out.shiftY = options.shift > 0 ? symmetric(random) * options.shift : 0;
	return out;
}

function checkImage(name: string, image: Float32Array): void {
	if (image.length !== imagePixels) throw new RangeError(`${name} must hold one ${imageSide}×${imageSide} image (${imagePixels} values), not ${image.length}`);
}

function clamp01(value: number): number {
	return value < 0 ? 0 : value > 1 ? 1 : value;
}

/** Copies the image into the middle of a 30×30 buffer whose border stays zero. */
function pad(source: Float32Array, padded: Float32Array): void {
	for (let y = 0; y < imageSide; y++) {
		const to = (y + 1) * PADDED + 1;
		for (let x = 0; x < imageSide; x++) padded[to + x] = source[y * imageSide + x]!;
	}
}

/** A shift by whole pixels: a copy, no interpolation. */
function translate(source: Float32Array, dx: number, dy: number, out: Float32Array): void {
	out.fill(0);
	for (let y = 0; y < imageSide; y++) {
		const from = y - dy;
		if (from < 0 || from >= imageSide) continue;
		const start = Math.max(0, dx);
		const end = Math.min(imageSide, imageSide + dx);
		for (let x = start; x < end; x++) out[y * imageSide + x] = clamp01(source[from * imageSide + x - dx]!);
	}
}

/**
 * Resamples `source` into `out` bilinearly: output pixel p reads the source at
 * matrix·(p + displacement(p)); positions outside the image read 0. `displacement` is the
 * elastic field, or omitted. `padded` is a 900-value scratch buffer whose border is zero.
 */
export function warp(source: Float32Array, matrix: AffineMatrix, out: Float32Array, displacement?: {dx: Float32Array; dy: Float32Array}, padded: Float32Array = new Float32Array(PADDED * PADDED)): Float32Array {
	checkImage('source', source);
	checkImage('out', out);
	const a = matrix[0]!;
	const b = matrix[1]!;
	const c = matrix[2]!;
	const d = matrix[3]!;
	const e = matrix[4]!;
	const f = matrix[5]!;
	if (!displacement && a === 1 && b === 0 && d === 0 && e === 1 && Number.isInteger(c) && Number.isInteger(f)) {
		translate(source, -c, -f, out);
		return out;
	}

	pad(source, padded);
	const dxs = displacement?.dx;
	const dys = displacement?.dy;
	for (let y = 0, i = 0; y < imageSide; y++) {
		// Shifted by one into padded coordinates.
		const rowX = b * y + c + 1;
		const rowY = e * y + f + 1;
		if (dxs && dys) {
			for (let x = 0; x < imageSide; x++, i++) {
				const dx = dxs[i]!;
				const dy = dys[i]!;
				out[i] = sample(padded, rowX + a * (x + dx) + b * dy, rowY + d * (x + dx) + e * dy);
			}
		} else {
			for (let x = 0; x < imageSide; x++, i++) out[i] = sample(padded, rowX + a * x, rowY + d * x);
		}
	}

	return out;
}

/** Bilinear read of the padded image at (x, y) in padded coordinates; 0 outside, clamped to [0, 1]. */
function sample(padded: Float32Array, x: number, y: number): number {
	if (!(x >= 0 && x < PADDED - 1 && y >= 0 && y < PADDED - 1)) return 0;
	const x0 = x | 0;
	const y0 = y | 0;
	const wx = x - x0;
	const k = y0 * PADDED + x0;
	const top = padded[k]! + (padded[k + 1]! - padded[k]!) * wx;
	const bottom = padded[k + PADDED]! + (padded[k + PADDED + 1]! - padded[k + PADDED]!) * wx;
	return clamp01(top + (bottom - top) * (y - y0));
}

/** The affine warp alone (see `warp`). */
export function affineWarp(source: Float32Array, matrix: AffineMatrix, out: Float32Array = new Float32Array(imagePixels)): Float32Array {
	return warp(source, matrix, out);
}

/** Elastic distortion with given fields: output pixel (x, y) reads the source at (x + dx, y + dy). */
export function elasticWarp(source: Float32Array, dx: Float32Array, dy: Float32Array, out: Float32Array = new Float32Array(imagePixels)): Float32Array {
	checkImage('dx', dx);
	checkImage('dy', dy);
	return warp(source, identityMatrix(), out, {dx, dy});
}

// Plain comparisons: Math.max with several arguments is slower in this loop.
const max3 = (a: number, b: number, c: number): number => (a > b ? (a > c ? a : c) : b > c ? b : c);
const min3 = (a: number, b: number, c: number): number => (a < b ? (a < c ? a : c) : b < c ? b : c);

/** 3×3 max (dilate) or min (erode), blended with the source by `amount` (1 = the full filter). */
function morphology(source: Float32Array, out: Float32Array, amount: number, grow: boolean): Float32Array {
	checkImage('source', source);
	checkImage('out', out);
	if (source === out) throw new Error('dilate and erode need separate source and out buffers');
	// The square filter is separable: along rows into `out`, then down columns in place,
	// keeping the previous row's row-result before it is overwritten.
	for (let y = 0; y < imageSide; y++) {
		const row = y * imageSide;
		for (let x = 0; x < imageSide; x++) {
			// Edges repeat the nearest pixel, which is neutral for both max and min.
			const l = source[row + (x > 0 ? x - 1 : x)]!;
			const m = source[row + x]!;
			const r = source[row + (x < imageSide - 1 ? x + 1 : x)]!;
			out[row + x] = grow ? max3(l, m, r) : min3(l, m, r);
		}
	}

	for (let x = 0; x < imageSide; x++) {
		let previous = out[x]!;
		for (let y = 0; y < imageSide; y++) {
			const i = y * imageSide + x;
			const m = out[i]!;
			const next = y < imageSide - 1 ? out[i + imageSide]! : m;
			const extreme = grow ? max3(previous, m, next) : min3(previous, m, next);
			previous = m;
			const value = source[i]!;
			out[i] = clamp01(value + (extreme - value) * amount);
		}
	}

	return out;
}

/** Thicker strokes: each pixel moves toward the brightest of its 3×3 neighbourhood. */
export function dilate(source: Float32Array, out: Float32Array = new Float32Array(imagePixels), amount = 1): Float32Array {
	return morphology(source, out, amount, true);
}

/** Thinner strokes: each pixel moves toward the darkest of its 3×3 neighbourhood. */
export function erode(source: Float32Array, out: Float32Array = new Float32Array(imagePixels), amount = 1): Float32Array {
	return morphology(source, out, amount, false);
}

/**
 * Smoothing for displacement noise. Noise is drawn on sites `stride` pixels apart
 * (amplitude × stride: the same spectrum below the Gaussian's cutoff), blurred there, and
 * interpolated bilinearly to every pixel: a few thousand multiplications per field instead
 * of a 28-wide convolution at each pixel. Sites 0.6σ apart keep the spectrum to within 1e-6;
 * the fields' strength comes within 5% of the exact blur's.
 */
export type ElasticKernel = {
	sigma: number;
	stride: number;
	/** Noise sites per axis. */
	sites: number;
	/** sites × sites: the Gaussian weight between two sites, zero beyond 4σ. */
	weights: Float64Array;
	/** Per pixel along an axis: the site before it and the weight of the site after it. */
	before: Int32Array;
	after: Float64Array;
};

export function elasticKernel(sigma: number): ElasticKernel {
	if (!(sigma > 0)) throw new RangeError(`sigma must be positive, not ${sigma}`);
	const stride = Math.max(1, Math.min(4, Math.floor(sigma * 0.6)));
	const sites = Math.ceil((imageSide - 1) / stride) + 1;
	const offset = Math.floor((imageSide - 1 - (sites - 1) * stride) / 2);
	const radius = Math.ceil(4 * sigma);
	let total = 0;
	for (let k = -radius; k <= radius; k++) total += Math.exp(-(k * k) / (2 * sigma * sigma));
	const weights = new Float64Array(sites * sites);
	for (let i = 0; i < sites; i++) {
		for (let j = 0; j < sites; j++) {
			const distance = (i - j) * stride;
			if (Math.abs(distance) <= radius) weights[i * sites + j] = Math.exp(-(distance * distance) / (2 * sigma * sigma)) / total;
		}
	}

	const before = new Int32Array(imageSide);
	const after = new Float64Array(imageSide);
	for (let x = 0; x < imageSide; x++) {
		const position = (x - offset) / stride;
		const site = Math.min(Math.floor(position), sites - 2);
		before[x] = site;
		after[x] = position - site;
	}

	return {sigma, stride, sites, weights, before, after};
}

/** Scratch space for one image at a time, reused across a batch. */
type Workspace = {
	padded: Float32Array;
	thick: Float32Array;
	dx: Float32Array;
	dy: Float32Array;
	noise: Float64Array;
	blurred: Float64Array;
	rows: Float64Array;
	matrix: AffineMatrix;
};

function workspace(kernel: ElasticKernel): Workspace {
	return {
		padded: new Float32Array(PADDED * PADDED),
		thick: new Float32Array(imagePixels),
		dx: new Float32Array(imagePixels),
		dy: new Float32Array(imagePixels),
		noise: new Float64Array(kernel.sites * kernel.sites),
		blurred: new Float64Array(kernel.sites * kernel.sites),
		rows: new Float64Array(kernel.sites * imageSide),
		matrix: identityMatrix(),
	};
}

/** Fills `field` with uniform noise on the kernel's sites, smoothed and scaled by `alpha`. */
function smoothField(field: Float32Array, kernel: ElasticKernel, alpha: number, random: () => number, space: Workspace): void {
	const {sites, weights, before, after} = kernel;
	const {noise, blurred, rows} = space;
	const amplitude = alpha * kernel.stride;
	for (let i = 0; i < noise.length; i++) noise[i] = (random() * 2 - 1) * amplitude;
	// Blur between sites: blurred = W · noise · Wᵀ, along x into `rows`, then along y.
	for (let row = 0; row < sites; row++) {
		for (let i = 0; i < sites; i++) {
			let sum = 0;
			for (let j = 0; j < sites; j++) sum += weights[i * sites + j]! * noise[row * sites + j]!;
			rows[row * sites + i] = sum;
		}
	}

	for (let i = 0; i < sites; i++) {
		for (let column = 0; column < sites; column++) {
			let sum = 0;
			for (let j = 0; j < sites; j++) sum += weights[i * sites + j]! * rows[j * sites + column]!;
			blurred[i * sites + column] = sum;
		}
	}

	// Bilinear from sites to pixels, along x into `rows`, then along y.
	for (let site = 0; site < sites; site++) {
		for (let x = 0; x < imageSide; x++) {
			const k = site * sites + before[x]!;
			rows[site * imageSide + x] = blurred[k]! + (blurred[k + 1]! - blurred[k]!) * after[x]!;
		}
	}

	for (let y = 0; y < imageSide; y++) {
		const top = before[y]! * imageSide;
		const weight = after[y]!;
		for (let x = 0; x < imageSide; x++) field[y * imageSide + x] = rows[top + x]! + (rows[top + imageSide + x]! - rows[top + x]!) * weight;
	}
}

/** Random smooth displacement fields in pixels (dx, dy) for an elastic distortion. */
export function elasticFields(random: () => number, alpha: number, kernel: ElasticKernel, dx: Float32Array = new Float32Array(imagePixels), dy: Float32Array = new Float32Array(imagePixels)): {dx: Float32Array; dy: Float32Array} {
	const space = workspace(kernel);
	smoothField(dx, kernel, alpha, random, space);
	smoothField(dy, kernel, alpha, random, space);
	return {dx, dy};
}

/**
 * An augmented copy of `count` 28×28 images laid out one after another (values in [0, 1]).
 * Per image: a random affine warp, with chance `thickness` a softened dilate or erode, with
 * chance `elastic.probability` an elastic distortion, sampled once together. Writes into
 * `out` when given (it must not be `images`).
 */
export function augmentBatch(images: Float32Array, count: number, options: AugmentOptions, random: () => number, out: Float32Array = new Float32Array(count * imagePixels)): Float32Array {
	if (images.length < count * imagePixels) throw new RangeError(`${count} images need ${count * imagePixels} values, got ${images.length}`);
	if (out.length < count * imagePixels) throw new RangeError(`out needs ${count * imagePixels} values, has ${out.length}`);
	if (out.buffer === images.buffer && out.byteOffset === images.byteOffset) throw new Error('augmentBatch needs an out buffer separate from images');
	const {elastic} = options;
	const distort = elastic.probability > 0 && elastic.alpha !== 0;
	const kernel = elasticKernel(distort ? elastic.sigma : 1);
	const space = workspace(kernel);
	const displacement = {dx: space.dx, dy: space.dy};
	const parameters: AffineParameters = {...still};
	for (let n = 0; n < count; n++) {
		let source = images.subarray(n * imagePixels, (n + 1) * imagePixels);
		const target = out.subarray(n * imagePixels, (n + 1) * imagePixels);
		affineMatrix(randomAffine(options, random, parameters), space.matrix);
		if (options.thickness > 0 && random() < options.thickness) {
			// At most 60%: a full 3×3 erode wipes out MNIST's 2-pixel strokes, a full dilate makes blobs.
			const amount = 0.3 + 0.3 * random();
			source = random() < 0.5 ? dilate(source, space.thick, amount) : erode(source, space.thick, amount);
		}

		let fields: typeof displacement | undefined;
		if (distort && random() < elastic.probability) {
			smoothField(space.dx, kernel, elastic.alpha, random, space);
			smoothField(space.dy, kernel, elastic.alpha, random, space);
			fields = displacement;
		}

		warp(source, space.matrix, target, fields, space.padded);
	}

	return out;
}
