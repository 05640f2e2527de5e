// Telling paper from ink: histogram statistics and a smooth model of the paper's
// brightness. Pure functions on gray levels in 0..1.
import type {GrayImage} from './load.js';

const BINS = 256;

/** Counts of the values (with `gain` > 0: of min(1, |value| × gain)) in 256 bins over 0..1. */
// One histogram reused by every call (each caller reads it before the next one): allocating typed
// arrays is a large part of preprocessing a small picture, and they are freed only by the GC.
const scratchBins = new Uint32Array(BINS);

function histogram(values: ArrayLike<number>, mask?: Uint8Array, gain = 0): Uint32Array {
	const bins = scratchBins.fill(0);
	// One loop per case: a test per pixel for what does not change from pixel to pixel is a third of the time.
	if (gain > 0) {
		for (let i = 0; i < values.length; i++) if (!mask || mask[i]) bins[Math.min(BINS - 1, Math.floor(Math.min(1, Math.abs(values[i]!) * gain) * BINS))]!++;
	} else if (mask) {
		for (let i = 0; i < values.length; i++) if (mask[i]) bins[Math.min(BINS - 1, Math.max(0, Math.floor(values[i]! * BINS)))]!++;
	} else {
		for (let i = 0; i < values.length; i++) bins[Math.min(BINS - 1, Math.max(0, Math.floor(values[i]! * BINS)))]!++;
	}

	return bins;
}

/** The level below which `share` of the values lie (to 1/256), by histogram. */
export function quantile(values: ArrayLike<number>, share: number, mask?: Uint8Array): number {
	return quantiles(values, [share], mask)[0]!;
}

/** Several quantiles of the same values from one histogram (each as `quantile` gives it). */
export function quantiles(values: ArrayLike<number>, shares: number[], mask?: Uint8Array, gain = 0): number[] {
	const bins = histogram(values, mask, gain);
	let total = 0;
	for (let bin = 0; bin < BINS; bin++) total += bins[bin]!;
	return shares.map(share => {
		let seen = 0;
		for (let bin = 0; bin < BINS; bin++) {
			seen += bins[bin]!;
			if (seen > 0 && seen >= total * share) return (bin + 0.5) / BINS;
		}

		return 1;
	});
}

/**
 * Otsu's threshold: the level that best splits the values into two classes (it maximizes
 * the variance between them). Values at or above it are the brighter class.
 */
export function otsuThreshold(values: ArrayLike<number>, mask?: Uint8Array): number {
	const bins = histogram(values, mask);
	let total = 0;
	let sum = 0;
	for (let bin = 0; bin < BINS; bin++) {
		total += bins[bin]!;
		sum += bin * bins[bin]!;
	}

	let below = 0;
	let sumBelow = 0;
	let best = 0;
	let bestBin = 0;
	for (let bin = 0; bin < BINS - 1; bin++) {
		below += bins[bin]!;
		sumBelow += bin * bins[bin]!;
		const above = total - below;
		if (below === 0 || above === 0) continue;
		const difference = sumBelow / below - (sum - sumBelow) / above;
		const between = below * above * difference * difference;
		if (between > best) {
			best = between;
			bestBin = bin;
		}
	}

	return (bestBin + 1) / BINS;
}

/** Solves the square system `matrix · x = vector` by Gaussian elimination with pivoting; null when singular. */
function solve(matrix: number[][], vector: number[]): number[] | null {
	const n = vector.length;
	const rows = matrix.map((row, i) => [...row, vector[i]!]);
	for (let column = 0; column < n; column++) {
		let pivot = column;
		for (let row = column + 1; row < n; row++) if (Math.abs(rows[row]![column]!) > Math.abs(rows[pivot]![column]!)) pivot = row;
		if (Math.abs(rows[pivot]![column]!) < 1e-9) return null;
		[rows[column], rows[pivot]] = [rows[pivot]!, rows[column]!];
		for (let row = 0; row < n; row++) {
			if (row === column) continue;
			const factor = rows[row]![column]! / rows[column]![column]!;
			for (let k = column; k <= n; k++) rows[row]![k]! -= factor * rows[column]![k]!;
		}
	}

	return rows.map((row, i) => row[n]! / row[i]!);
}

/**
 * Least-squares coefficients of a quadratic in (u, v) ∈ [-1, 1]² through the sampled points; null when underdetermined.
 * The normal equations' 21 sums are kept in locals: on a 28×28 upload this fit was most of the
 * server's time per request in arrays of sums.
 */
function fitQuadratic(us: Float32Array, vs: Float32Array, values: Float32Array, use: Uint8Array): number[] | null {
	// Terms 1, u, v, uu, uv, vv: s_ab sums term a × term b, r_a sums term a × value.
	// Plain locals, not destructured from array literals: V8 kept those in memory, three times slower.
	let s01 = 0, s02 = 0, s03 = 0, s04 = 0, s05 = 0, s11 = 0, s12 = 0, s13 = 0, s14 = 0, s15 = 0;
	let s22 = 0, s23 = 0, s24 = 0, s25 = 0, s33 = 0, s34 = 0, s35 = 0, s44 = 0, s45 = 0, s55 = 0;
	let r0 = 0, r1 = 0, r2 = 0, r3 = 0, r4 = 0, r5 = 0;
	let count = 0;
	for (let k = 0; k < values.length; k++) {
		if (!use[k]) continue;
		const u = us[k]!;
		const v = vs[k]!;
		const uu = u * u;
		const uv = u * v;
		const vv = v * v;
		const value = values[k]!;
		r0 += value;
		r1 += u * value;
		r2 += v * value;
		r3 += uu * value;
		r4 += uv * value;
		r5 += vv * value;
		s01 += u;
		s02 += v;
		s03 += uu;
		s04 += uv;
		s05 += vv;
		s11 += u * u;
		s12 += u * v;
		s13 += u * uu;
		s14 += u * uv;
		s15 += u * vv;
		s22 += v * v;
		s23 += v * uu;
		s24 += v * uv;
		s25 += v * vv;
		s33 += uu * uu;
		s34 += uu * uv;
		s35 += uu * vv;
		s44 += uv * uv;
		s45 += uv * vv;
		s55 += vv * vv;
		count++;
	}

	const matrix = [
		[count, s01, s02, s03, s04, s05],
		[s01, s11, s12, s13, s14, s15],
		[s02, s12, s22, s23, s24, s25],
		[s03, s13, s23, s33, s34, s35],
		[s04, s14, s24, s34, s44, s45],
		[s05, s15, s25, s35, s45, s55],
	];
	return count >= 24 ? solve(matrix, [r0, r1, r2, r3, r4, r5]) : null;
}

/** The residuals at the sampled points: the surface (the quadratic `c`, or `flat` when there is none) less the values, rounded once. */
function residualsAt(c: number[] | null, flat: number, us: Float32Array, vs: Float32Array, values: Float32Array, out: Float32Array): void {
	// Plain loops with the coefficients in locals: they run for every sampled pixel, three times.
	const [c0, c1, c2, c3, c4, c5] = (c ?? [flat, 0, 0, 0, 0, 0]) as [number, number, number, number, number, number];
	for (let i = 0; i < out.length; i++) {
		const u = us[i]!;
		const v = vs[i]!;
		out[i] = (c ? c0 + c1 * u + c2 * v + c3 * u * u + c4 * u * v + c5 * v * v : flat) - values[i]!;
	}
}

/** The surface at every pixel of a `width` × `height` picture. */
function surfaceOf(c: number[] | null, flat: number, width: number, height: number): Float32Array {
	const surface = new Float32Array(width * height);
	if (!c) return surface.fill(flat);
	const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
	for (let y = 0; y < height; y++) {
		const v = (2 * y) / height - 1;
		for (let x = 0; x < width; x++) {
			const u = (2 * x) / width - 1;
			surface[y * width + x] = c0 + c1 * u + c2 * v + c3 * u * u + c4 * u * v + c5 * v * v;
		}
	}

	return surface;
}

/** 1.4826 × the median absolute value where `use` is set: the spread of normal noise, robust to ink. */
function robustSpread(values: Float32Array, use: Uint8Array): number {
	// Scaled by 8 before the histogram so that small deviations get 1/2048 resolution (exact in
	// float32, so the histogram is filled straight from the values, with no scaled copy).
	return (1.4826 * quantiles(values, [0.5], use, 8)[0]!) / 8;
}

// The fit's working arrays, reused from call to call (as the histogram): the sampled coordinates, values and residuals, and which samples are paper.
const scratchFloats: Float32Array[] = [];
let scratchUse = new Uint8Array(0);

/** Working array `which`, at least `count` long, its first `count` floats (contents left over). */
function scratch(which: number, count: number): Float32Array {
	if ((scratchFloats[which]?.length ?? 0) < count) scratchFloats[which] = new Float32Array(count);
	return scratchFloats[which]!.subarray(0, count);
}

/**
 * The paper's brightness as a smooth surface (a quadratic in x and y: it follows a
 * lighting gradient or a vignette, not a stroke), and the paper's own noise around it.
 * Fitted on a sample of about 10,000 pixels: first the brighter class by Otsu's threshold (the darker
 * one is ink, shadow or the table around the page), then refitted to the pixels within
 * three noise levels of the surface. Ink must be darker than the paper.
 */
export function paperSurface(image: GrayImage): {surface: Float32Array; noise: number} {
	const {width, height, data} = image;
	const step = Math.max(1, Math.floor(Math.sqrt((width * height) / 10_000)));
	const count = Math.ceil(width / step) * Math.ceil(height / step);
	const [us, vs, values, residuals] = [scratch(0, count), scratch(1, count), scratch(2, count), scratch(3, count)];
	let k = 0;
	for (let y = 0; y < height; y += step) {
		for (let x = 0; x < width; x += step, k++) {
			us[k] = (2 * x) / width - 1;
			vs[k] = (2 * y) / height - 1;
			values[k] = data[y * width + x]!;
		}
	}

	const threshold = otsuThreshold(values);
	const use = scratchUse.length >= count ? scratchUse.subarray(0, count) : (scratchUse = new Uint8Array(count));
	for (let i = 0; i < count; i++) use[i] = values[i]! >= threshold ? 1 : 0;
	// A picture of one level has nothing above Otsu's threshold: all of it is paper.
	if (!use.includes(1)) use.fill(1);
	let coefficients: number[] | null = null;
	let noise = 1 / 255;
	for (let round = 0; round < 3; round++) {
		coefficients = fitQuadratic(us, vs, values, use);
		const flat = coefficients ? 0 : quantile(values, 0.5, use);
		residualsAt(coefficients, flat, us, vs, values, residuals);
		noise = Math.max(1 / 255, robustSpread(residuals, use));
		for (let i = 0; i < count; i++) use[i] = Math.abs(residuals[i]!) <= 3 * noise ? 1 : 0;
		if (!use.includes(1)) use.fill(1);
	}

	return {surface: surfaceOf(coefficients, coefficients ? 0 : quantile(values, 0.5, use), width, height), noise};
}
