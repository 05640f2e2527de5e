import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {loadMnist} from '../source/data/mnist.js';
import type {GrayImage} from '../source/image/load.js';
import {centerOfMass, inkBounds, MODEL_SIZE, preprocessForModel, resize} from '../source/image/preprocess.js';

function canvas(width: number, height: number, level: number): GrayImage {
	return {width, height, data: new Float32Array(width * height).fill(level)};
}

function fillRect(image: GrayImage, left: number, top: number, width: number, height: number, level: number): void {
	for (let y = top; y < top + height; y++) image.data.fill(level, y * image.width + left, y * image.width + left + width);
}

const asModelImage = (data: Float32Array): GrayImage => ({width: MODEL_SIZE, height: MODEL_SIZE, data});
const rounded = (values: ArrayLike<number>): number[] => Array.from(values, value => Math.round(value * 1000) / 1000);

describe('resize', () => {
	test('shrinking averages whole areas', () => {
		const image = {width: 4, height: 2, data: Float32Array.from([1, 0, 0, 0, 1, 1, 0, 1])};
		assert.deepEqual(rounded(resize(image, 2, 1).data), [0.75, 0.25]);
	});

	test('shrinking by a fraction weighs partly covered pixels', () => {
		const image = {width: 3, height: 1, data: Float32Array.from([0, 1, 0])};
		// Each output pixel covers 1.5 input pixels: 0 + half of the 1, over 1.5.
		assert.deepEqual(rounded(resize(image, 2, 1).data), [0.333, 0.333]);
	});

	test('a one-pixel line survives a 10× shrink (bilinear would miss it)', () => {
		const image = canvas(40, 40, 0);
		fillRect(image, 17, 0, 1, 40, 1);
		const small = resize(image, 4, 4);
		assert.deepEqual(rounded(small.data), [0, 0.1, 0, 0, 0, 0.1, 0, 0, 0, 0.1, 0, 0, 0, 0.1, 0, 0]);
	});

	test('enlarging interpolates bilinearly', () => {
		const image = {width: 2, height: 1, data: Float32Array.from([0, 1])};
		assert.deepEqual(rounded(resize(image, 4, 1).data), [0, 0.25, 0.75, 1]);
	});

	test('the same size is the identity', () => {
		const image = {width: 3, height: 2, data: Float32Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 0.6])};
		assert.deepEqual(resize(image, 3, 2).data, image.data);
	});
});

describe('centerOfMass and inkBounds', () => {
	test('center of mass uses pixel indices', () => {
		const image = {width: 3, height: 3, data: Float32Array.from([0, 0, 0, 0, 0, 1, 0, 0, 3])};
		assert.deepEqual(centerOfMass(image), {x: 2, y: 1.75});
	});

	test('the bounds of the non-zero pixels', () => {
		const image = canvas(6, 6, 0);
		fillRect(image, 1, 2, 3, 2, 0.5);
		assert.deepEqual(inkBounds(image), {left: 1, top: 2, width: 3, height: 2});
		assert.equal(inkBounds(canvas(6, 6, 0)), null);
	});
});

describe('preprocessForModel', () => {
	test('an off-center dark digit on a large light canvas comes out inverted, scaled and centered', () => {
		// A "0": a dark ring 40 wide and 80 tall near the top-left of a 300×200 light-gray page.
		const page = canvas(300, 200, 0.9);
		fillRect(page, 20, 10, 40, 80, 0.15);
		fillRect(page, 30, 20, 20, 60, 0.9);
		const digit = preprocessForModel(page);
		assert.ok(digit);
		assert.equal(digit.length, 784);
		// Background 0 (the page is subtracted), ink bright, strongest ink 1.
		assert.equal(digit[0], 0);
		assert.equal(digit[783], 0);
		assert.equal(Math.max(...digit), 1);
		assert.ok(digit.every(value => value >= 0 && value <= 1));
		const center = centerOfMass(asModelImage(digit));
		assert.ok(Math.abs(center.x - 14) <= 1 && Math.abs(center.y - 14) <= 1, `center of mass ${JSON.stringify(center)}`);
		// The longer side is 20 px, the aspect ratio is kept.
		assert.deepEqual(inkBounds(asModelImage(digit)), {left: 10, top: 5, width: 10, height: 20});
	});

	test('white ink on black is not inverted', () => {
		const sketch = canvas(28, 28, 0);
		fillRect(sketch, 3, 3, 4, 10, 1);
		const digit = preprocessForModel(sketch);
		assert.ok(digit);
		assert.equal(digit[0], 0);
		assert.deepEqual(inkBounds(asModelImage(digit)), {left: 11, top: 5, width: 8, height: 20});
	});

	test('faint noise on the paper is ignored', () => {
		const page = canvas(100, 100, 1);
		for (let i = 0; i < page.data.length; i += 7) page.data[i] = 0.97;
		fillRect(page, 40, 20, 10, 60, 0);
		const digit = preprocessForModel(page);
		assert.ok(digit);
		// Only the bar is left: 10×60 becomes 3×20 (rounded), nothing else is ink.
		assert.deepEqual(inkBounds(asModelImage(digit)), {left: 13, top: 5, width: 3, height: 20});
	});

	test('a thin stroke on a big canvas still reaches full strength', () => {
		const page = canvas(400, 400, 1);
		for (let i = 0; i < 400; i++) page.data[i * 400 + i] = 0;
		const digit = preprocessForModel(page);
		assert.ok(digit);
		assert.equal(Math.max(...digit), 1);
		assert.deepEqual(inkBounds(asModelImage(digit)), {left: 5, top: 5, width: 20, height: 20});
	});

	test('a lopsided digit is clamped inside the frame, even when cropped tightly', () => {
		// A heavy bar on the left with a thin line to the right: its center of mass is near the left edge
		// (centering it would push the line out on the right), and ink covers half the border.
		const sketch = canvas(40, 40, 0);
		fillRect(sketch, 0, 0, 4, 40, 1);
		fillRect(sketch, 0, 0, 40, 1, 1);
		const digit = preprocessForModel(sketch);
		assert.ok(digit);
		assert.deepEqual(inkBounds(asModelImage(digit)), {left: 8, top: 6, width: 20, height: 20});
	});

	test('an image without ink gives null', () => {
		assert.equal(preprocessForModel(canvas(50, 40, 1)), null);
		assert.equal(preprocessForModel(canvas(28, 28, 0)), null);
		const speckled = canvas(50, 40, 1);
		for (let i = 0; i < speckled.data.length; i += 3) speckled.data[i] = 0.96;
		assert.equal(preprocessForModel(speckled), null);
	});

	test('MNIST test digits come back as they were', async () => {
		const split = await loadMnist('test', {limit: 50});
		let exact = 0;
		for (let index = 0; index < split.count; index++) {
			const original = Float32Array.from(split.images.subarray(index * 784, (index + 1) * 784), value => value / 255);
			const digit = preprocessForModel(asModelImage(original));
			assert.ok(digit, `test digit ${index} has ink`);
			// Faint edge pixels are dropped and rounding may move the digit by one pixel; nothing else changes.
			let best = Infinity;
			for (let dy = -1; dy <= 1; dy++) {
				for (let dx = -1; dx <= 1; dx++) {
					let difference = 0;
					for (let y = 0; y < 28; y++) {
						for (let x = 0; x < 28; x++) {
							const shifted = y + dy >= 0 && y + dy < 28 && x + dx >= 0 && x + dx < 28 ? digit[(y + dy) * 28 + x + dx]! : 0;
							difference += Math.abs(shifted - original[y * 28 + x]!);
						}
					}

					best = Math.min(best, difference / 784);
				}
			}

			assert.ok(best < 0.01, `test digit ${index} differs by ${best.toFixed(3)} per pixel`);
			if (best === meanDifference(digit, original)) exact++;
		}

		assert.ok(exact >= 45, `only ${exact} of 50 digits kept their place`);
	});
});

function meanDifference(a: Float32Array, b: Float32Array): number {
	let difference = 0;
	for (let i = 0; i < a.length; i++) difference += Math.abs(a[i]! - b[i]!);
	return difference / a.length;
}
