import assert from 'node:assert/strict';
import {test} from 'node:test';
import {loadMnist} from '../source/data/mnist.js';
import {leaned, medianSkew, mnistSkew, skew, slantedDigits} from '../source/model/slant.js';
import {seededRandom} from '../source/random.js';
import {imagePixels, imageSide} from '../source/digit-size.js';

/** A 2-px-wide stroke from (x0, 4) down to (x1, 23). */
function line(x0: number, x1: number): Float32Array {
	const image = new Float32Array(imagePixels);
	for (let y = 4; y < 24; y++) {
		const x = Math.round(x0 + ((x1 - x0) * (y - 4)) / 19);
		image[y * imageSide + x] = 1;
		image[y * imageSide + x + 1] = 1;
	}
	return image;
}

test('skew is the horizontal shift per pixel down: positive when the top leans left, 0 upright or empty', () => {
	assert.ok(Math.abs(skew(line(13, 13))) < 1e-9);
	assert.ok(Math.abs(skew(line(8, 18)) - 10 / 19) < 0.05, `${skew(line(8, 18))}`);
	assert.ok(skew(line(18, 8)) < -0.4);
	assert.equal(skew(new Float32Array(imagePixels)), 0);
});

test('the median skew ignores an odd sample', () => {
	const images = new Float32Array(3 * imagePixels);
	[line(10, 16), line(10, 16), line(20, 4)].forEach((image, i) => images.set(image, i * imagePixels));
	assert.ok(Math.abs(medianSkew(images, [0, 1, 2]) - skew(line(10, 16))) < 1e-9);
	assert.equal(medianSkew(images, []), 0);
});

test('a leaned digit takes the asked skew and stays whole: cropped to 20 px and centered like a sample', () => {
	const upright = line(13, 13);
	const result = leaned(upright, 0.8)!;
	assert.ok(Math.abs(skew(result) - 0.8) < 0.1, `skew ${skew(result)}`);
	// The longer side (its height) is 20 px: no row or column of the 4-px margin holds ink.
	for (let i = 0; i < imagePixels; i++) {
		const [x, y] = [i % imageSide, Math.floor(i / imageSide)];
		if (x < 2 || x > 25 || y < 3 || y > 24) assert.ok(result[i]! < 0.05, `ink at (${x}, ${y})`);
	}
	assert.equal(leaned(new Float32Array(imagePixels), 0.5), null);
});

test('slanted MNIST digits each lean further by the asked shear, with their labels, the same for the same seed', async () => {
	const data = await loadMnist('test', {limit: 200});
	const [upright, slanted] = [slantedDigits(data, 0, 20, seededRandom(3)), slantedDigits(data, 0.7, 20, seededRandom(3))];
	assert.deepEqual(slantedDigits(data, 0.7, 20, seededRandom(3)), slanted);
	assert.deepEqual(slanted.labels, upright.labels);
	const at = (set: {images: Float32Array}, i: number) => skew(set.images.subarray(i * imagePixels, (i + 1) * imagePixels));
	for (let i = 0; i < slanted.count; i++) assert.ok(Math.abs(at(slanted, i) - at(upright, i) - 0.7) < 0.15, `digit ${i}: ${at(upright, i)} → ${at(slanted, i)}`);
	// MNIST's digits stand about upright.
	assert.ok(Math.abs(mnistSkew(data, 100, seededRandom(4))) < 0.3);
});
