// A writer's slant, measured on their samples, and MNIST digits leaned to it. Teaching shows
// the model part of its MNIST replay at the writer's slant: 15 samples of a digit show the
// writer's marks, but too few shapes of it at that slant for the model to read the writer's
// other digits; thousands of MNIST digits at the same slant fill that in. Only the samples'
// measured slant is used, nothing else about the writer.
import {digitInput} from '../image/preprocess.js';
import {imagePixels, imageSide} from '../digit-size.js';
import type {MnistSplit} from '../data/mnist.js';

// MNIST's strokes are 2–3 px wide: digitInput then leaves them as they are.
const MNIST_STROKE = 3;

/**
 * How far the ink leans: the horizontal shift per pixel down of its principal axis
 * (the second-moment ratio μ11/μ02; positive when the top is left of the bottom), 0 for no ink.
 */
export function skew(image: Float32Array): number {
	let [mass, sumX, sumY] = [0, 0, 0];
	for (let i = 0; i < imagePixels; i++) {
		const value = image[i]!;
		mass += value;
		sumX += value * (i % imageSide);
		sumY += value * Math.floor(i / imageSide);
	}
	if (mass === 0) return 0;
	const [cx, cy] = [sumX / mass, sumY / mass];
	let [mu11, mu02] = [0, 0];
	for (let i = 0; i < imagePixels; i++) {
		const dy = Math.floor(i / imageSide) - cy;
		mu11 += image[i]! * ((i % imageSide) - cx) * dy;
		mu02 += image[i]! * dy * dy;
	}
	return mu02 > 0 ? mu11 / mu02 : 0;
}

/** The median skew of the given images (a few odd samples do not move it). */
export function medianSkew(images: Float32Array, indices: ArrayLike<number>): number {
	const skews = Array.from(indices, index => skew(images.subarray(index * imagePixels, (index + 1) * imagePixels))).sort((a, b) => a - b);
	if (skews.length === 0) return 0;
	const middle = Math.floor(skews.length / 2);
	return skews.length % 2 === 1 ? skews[middle]! : (skews[middle - 1]! + skews[middle]!) / 2;
}

/**
 * `image` (28×28, ink bright) sheared by `shear` (x moves by shear·(y − center)) on a canvas wide
 * enough to keep all of it, then cropped, scaled and centered the way a sample is: a digit
 * leaning further looks like the writer's, not cut off or squeezed. Null for no ink.
 */
export function leaned(image: Float32Array, shear: number): Float32Array | null {
	const margin = Math.ceil((Math.abs(shear) * imageSide) / 2);
	const width = imageSide + 2 * margin;
	const data = new Float32Array(width * imageSide);
	const center = (imageSide - 1) / 2;
	for (let y = 0; y < imageSide; y++) {
		const offset = margin + shear * (y - center);
		for (let x = 0; x < width; x++) {
			const source = x - offset;
			const left = Math.floor(source);
			const weight = source - left;
			const at = (u: number) => (u >= 0 && u < imageSide ? image[y * imageSide + u]! : 0);
			data[y * width + x] = at(left) * (1 - weight) + at(left + 1) * weight;
		}
	}
	return digitInput({width, height: imageSide, data}, MNIST_STROKE);
}

/**
 * `count` MNIST digits drawn at random, each leaned by `shear` (images 0..1 and labels, one
 * after another): MNIST's own spread of slants, moved by the same amount.
 */
export function slantedDigits(data: MnistSplit, shear: number, count: number, random: () => number): {images: Float32Array; labels: Uint8Array; count: number} {
	const images = new Float32Array(count * imagePixels);
	const labels = new Uint8Array(count);
	const digit = new Float32Array(imagePixels);
	let made = 0;
	while (made < count) {
		const index = Math.floor(random() * data.count);
		for (let p = 0; p < imagePixels; p++) digit[p] = data.images[index * imagePixels + p]! / 255;
		const result = leaned(digit, shear);
		if (!result) continue;
		images.set(result, made * imagePixels);
		labels[made++] = data.labels[index]!;
	}
	return {images, labels, count};
}

/** The median skew of `count` MNIST digits drawn at random (scaled to 0..1 first: skew does not depend on it). */
export function mnistSkew(data: MnistSplit, count: number, random: () => number): number {
	const images = new Float32Array(count * imagePixels);
	for (let n = 0; n < count; n++) {
		const index = Math.floor(random() * data.count);
		for (let p = 0; p < imagePixels; p++) images[n * imagePixels + p] = data.images[index * imagePixels + p]! / 255;
	}
	return medianSkew(images, Array.from({length: count}, (_, n) => n));
}
