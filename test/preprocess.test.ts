import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {loadMnist} from '../source/data/mnist.js';
import type {GrayImage} from '../source/image/load.js';
import {connectedComponents, dilate} from '../source/image/components.js';
import {findInk} from '../source/image/ink.js';
import {centerOfMass, digitInput, inkBounds, preprocessForModel, resize} from '../source/image/preprocess.js';
import {otsuThreshold, paperSurface, quantile} from '../source/image/threshold.js';
import {imageSide} from '../source/digit-size.js';

function canvas(width: number, height: number, level: number): GrayImage {
	return {width, height, data: new Float32Array(width * height).fill(level)};
}

function fillRect(image: GrayImage, left: number, top: number, width: number, height: number, level: number): void {
	for (let y = top; y < top + height; y++) image.data.fill(level, y * image.width + left, y * image.width + left + width);
}

const asModelImage = (data: Float32Array): GrayImage => ({width: imageSide, height: imageSide, data});
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

describe('the parts of the pipeline', () => {
	test('Otsu\'s threshold falls between two clusters', () => {
		const values = [...new Array<number>(90).fill(0.9), ...new Array<number>(10).fill(0.2)];
		const threshold = otsuThreshold(values);
		assert.ok(threshold > 0.2 && threshold <= 0.9, `threshold ${threshold}`);
		assert.ok(Math.abs(quantile(values, 0.5) - 0.9) <= 1 / 256);
	});

	test('connected components: 8-connected, with bounds and pixels on the picture\'s edge', () => {
		// prettier-ignore
		const mask = Uint8Array.from([
			1, 1, 0, 0, 0, 0,
			0, 0, 1, 0, 0, 1,
			0, 0, 0, 0, 0, 1,
			0, 0, 0, 0, 0, 0,
			0, 1, 1, 1, 0, 0,
			0, 0, 0, 0, 0, 0,
		]);
		const {labels, components} = connectedComponents(mask, 6, 6);
		assert.deepEqual(components, [
			{area: 3, left: 0, top: 0, right: 2, bottom: 1, edgePixels: 2},
			{area: 2, left: 5, top: 1, right: 5, bottom: 2, edgePixels: 2},
			{area: 3, left: 1, top: 4, right: 3, bottom: 4, edgePixels: 0},
		]);
		assert.equal(labels[8], 1, 'the diagonal neighbour joins the first group');
		assert.equal(labels[3], 0);
	});

	test('dilate grows a mask by a square of the given radius', () => {
		const mask = new Uint8Array(25);
		mask[12] = 1;
		assert.deepEqual(Array.from(dilate(mask, 5, 5, 1)), [0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
		assert.equal(dilate(mask, 5, 5, 2).reduce((sum, value) => sum + value, 0), 25);
	});

	test('the paper surface follows a lighting gradient and ignores the ink on it', () => {
		const page = canvas(120, 80, 0);
		for (let y = 0; y < 80; y++) for (let x = 0; x < 120; x++) page.data[y * 120 + x] = 0.4 + (0.5 * x) / 120 + (0.1 * y) / 80;
		fillRect(page, 50, 20, 10, 40, 0.05);
		const {surface, noise} = paperSurface(page);
		// Under the ink, the surface is the paper's level there, not the ink's.
		for (const [x, y] of [[55, 40], [0, 0], [119, 79], [10, 70]] as const) {
			const expected = 0.4 + (0.5 * x) / 120 + (0.1 * y) / 80;
			assert.ok(Math.abs(surface[y * 120 + x]! - expected) < 0.01, `surface at ${x},${y}: ${surface[y * 120 + x]} for ${expected}`);
		}

		assert.ok(noise < 0.01, `noise ${noise}`);
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

	test('a thin stroke on a big canvas reaches full strength and MNIST\'s stroke width', () => {
		const page = canvas(400, 400, 1);
		for (let i = 0; i < 400; i++) page.data[i * 400 + i] = 0;
		const digit = preprocessForModel(page);
		assert.ok(digit);
		assert.equal(Math.max(...digit), 1);
		const bounds = inkBounds(asModelImage(digit))!;
		assert.ok(Math.abs(bounds.left - 5) <= 1 && Math.abs(bounds.top - 5) <= 1, `bounds ${JSON.stringify(bounds)}`);
		assert.deepEqual([bounds.width, bounds.height], [20, 20]);
		// A 1-pixel line shrunk 20 times would be a faint hairline; MNIST's strokes are 2–3 px wide.
		const middle = Array.from(digit.subarray(14 * 28, 15 * 28));
		const width = middle.reduce((sum, value) => sum + value, 0);
		assert.ok(width >= 2.5 && width <= 4.5, `stroke across row 14 sums to ${width.toFixed(2)}`);
	});

	test('a small digit zoomed with nearest-neighbour blocks reads as the small digit itself, not as its blocks', async () => {
		const split = await loadMnist('test', {limit: 20});
		const onPaper = (ink: GrayImage, margin: number) => {
			const page = canvas(ink.width + 2 * margin, ink.height + 2 * margin, 1);
			for (let y = 0; y < ink.height; y++) for (let x = 0; x < ink.width; x++) page.data[(y + margin) * page.width + x + margin] = 1 - ink.data[y * ink.width + x]!;
			return page;
		};
		const zoom = (image: GrayImage, factor: number): GrayImage => ({
			width: image.width * factor,
			height: image.height * factor,
			data: Float32Array.from({length: image.width * factor * image.height * factor}, (_, i) => image.data[Math.floor(Math.floor(i / (image.width * factor)) / factor) * image.width + Math.floor((i % (image.width * factor)) / factor)]!),
		});
		const untouched: number[] = [];
		let [near, far] = [0, 0];
		for (let index = 0; index < split.count; index++) {
			const digit = asModelImage(Float32Array.from(split.images.subarray(index * 784, (index + 1) * 784), value => value / 255));
			// The digit at 8 px tall, quantized as a saved picture would be.
			const small = resize(digit, 8, 8);
			small.data.forEach((value, i) => (small.data[i] = Math.round(value * 255) / 255));
			const direct = preprocessForModel(onPaper(small, 3))!;
			const page = onPaper(zoom(small, 12), 36);
			const zoomed = preprocessForModel(page)!;
			// The same ink without the picture it was found in: the blocks go through as they are.
			const ink = findInk(page)!;
			const blocks = digitInput(ink.image, ink.strokeWidth)!;
			const distance = (a: Float32Array, b: Float32Array) => a.reduce((sum, value, i) => sum + Math.abs(value - b[i]!), 0);
			// A digit of a few plain lines (a 1 two blocks wide) is left as it is.
			if (distance(zoomed, blocks) === 0) untouched.push(split.labels[index]!);
			[near, far] = [near + distance(direct, zoomed), far + distance(direct, blocks)];
		}
		// Not equal: the ink is found a little differently in a 14 px picture than in a 170 px one.
		assert.ok(near * 4 < far, `the zoomed digits' 28×28 are ${near.toFixed(0)} from the small digits', the blocks as they are ${far.toFixed(0)}`);
		assert.ok(untouched.length <= 3 && untouched.every(label => label === 1), `left as blocks: digits ${untouched.join(', ')}`);
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

	describe('photos and scans: only the strokes are ink', () => {
		/** A "1": a bar 10 wide and 80 tall, darker than `paper` by `contrast`, centered at (x, y). */
		function drawOne(image: GrayImage, x: number, y: number, level: (x: number, y: number) => number): void {
			for (let row = y - 40; row < y + 40; row++) for (let column = x - 5; column < x + 5; column++) image.data[row * image.width + column] = level(column, row);
		}

		/** The digit is the bar alone: 20 px tall, about 2.5 px wide. */
		function assertOnlyTheBar(image: GrayImage): void {
			const digit = preprocessForModel(image);
			assert.ok(digit, 'a digit is found');
			const bounds = inkBounds(asModelImage(digit))!;
			assert.equal(bounds.height, 20, `bounds ${JSON.stringify(bounds)}`);
			assert.ok(bounds.width <= 4, `bounds ${JSON.stringify(bounds)}`);
		}

		test('light falling off across the page', () => {
			const page = canvas(300, 200, 0);
			const light = (x: number) => 0.35 + (0.6 * x) / 300;
			for (let y = 0; y < 200; y++) for (let x = 0; x < 300; x++) page.data[y * 300 + x] = light(x);
			drawOne(page, 200, 100, x => light(x) * 0.15);
			assertOnlyTheBar(page);
		});

		test('a dark table around the page', () => {
			const photo = canvas(400, 300, 0.15);
			fillRect(photo, 40, 30, 320, 240, 0.9);
			drawOne(photo, 200, 150, () => 0.1);
			assertOnlyTheBar(photo);
		});

		test('a small page on a dark table that fills most of the picture', () => {
			const photo = canvas(400, 300, 0.2);
			fillRect(photo, 120, 70, 160, 160, 0.85);
			drawOne(photo, 200, 150, () => 0.1);
			assertOnlyTheBar(photo);
		});

		test('specks of dust and paper grain', () => {
			const page = canvas(300, 300, 0.92);
			let seed = 1;
			const random = () => ((seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647);
			for (let i = 0; i < page.data.length; i++) page.data[i] = 0.92 + (random() - 0.5) * 0.06;
			for (let speck = 0; speck < 60; speck++) fillRect(page, 2 + Math.floor(random() * 290), 2 + Math.floor(random() * 290), 2, 2, 0.3);
			drawOne(page, 150, 150, () => 0.1);
			assertOnlyTheBar(page);
		});

		test('a light digit on a dark, unevenly lit board', () => {
			const board = canvas(300, 200, 0);
			for (let y = 0; y < 200; y++) for (let x = 0; x < 300; x++) board.data[y * 300 + x] = 0.05 + (0.3 * y) / 200;
			drawOne(board, 100, 100, () => 0.95);
			assertOnlyTheBar(board);
		});
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
