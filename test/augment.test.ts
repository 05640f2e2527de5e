import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {loadMnist} from '../source/data/mnist.js';
import {
	affineMatrix,
	affineWarp,
	augmentBatch,
	defaultAugmentation,
	dilate,
	elasticFields,
	elasticKernel,
	elasticWarp,
	erode,
	identityMatrix,
	noAugmentation,
	randomAffine,
	type AugmentOptions,
} from '../source/model/augment.js';
import {seededRandom} from '../source/random.js';

const SIZE = 28;
const PIXELS = SIZE * SIZE;
const still = {rotation: 0, scale: 1, shear: 0, shiftX: 0, shiftY: 0};

function image(points: Array<[x: number, y: number, value?: number]>): Float32Array {
	const data = new Float32Array(PIXELS);
	for (const [x, y, value = 1] of points) data[y * SIZE + x] = value;
	return data;
}

/** A horizontal bar `width` wide and 2 px tall starting at (x, y): a stroke like MNIST's. */
function stroke(x: number, y: number, width: number): Float32Array {
	const data = new Float32Array(PIXELS);
	for (let row = y; row < y + 2; row++) data.fill(1, row * SIZE + x, row * SIZE + x + width);
	return data;
}

const ink = (data: Float32Array, threshold = 0.5): number => data.reduce((count, value) => count + (value >= threshold ? 1 : 0), 0);
const mass = (data: Float32Array): number => data.reduce((sum, value) => sum + value, 0);
const largestDifference = (a: Float32Array, b: Float32Array): number => a.reduce((max, value, i) => Math.max(max, Math.abs(value - b[i]!)), 0);

async function realDigits(count: number): Promise<Float32Array> {
	const split = await loadMnist('train', {limit: count});
	return Float32Array.from(split.images, value => value / 255);
}

describe('affine warp', () => {
	test('the identity matrix returns the input exactly', async () => {
		const digits = await realDigits(1);
		assert.deepEqual(affineWarp(digits, identityMatrix()), digits);
	});

	test('a whole-pixel shift moves a single bright pixel by exactly that much', () => {
		const moved = affineWarp(image([[10, 12]]), affineMatrix({...still, shiftX: 3, shiftY: -2}));
		assert.deepEqual(moved, image([[13, 10]]));
	});

	test('a shift through the bilinear path lands on the same pixel', () => {
		// Rotating by 360° is a no-op that does not take the whole-pixel fast path.
		const moved = affineWarp(image([[10, 12]]), affineMatrix({...still, rotation: 360, shiftX: -4, shiftY: 5}));
		assert.ok(largestDifference(moved, image([[6, 17]])) < 1e-6);
	});

	test('half a pixel spreads a pixel over two', () => {
		const moved = affineWarp(image([[10, 12]]), affineMatrix({...still, shiftX: 0.5}));
		assert.ok(largestDifference(moved, image([[10, 12, 0.5], [11, 12, 0.5]])) < 1e-6);
	});

	test('whatever leaves the image is gone, and nothing comes in', () => {
		const moved = affineWarp(image([[1, 1], [20, 20]]), affineMatrix({...still, shiftX: -3}));
		assert.deepEqual(moved, image([[17, 20]]));
	});

	test('90° turns an L shape clockwise on screen: out(x, y) = in(y, 27 − x)', () => {
		const source = image([[5, 3], [5, 4], [5, 5], [5, 6], [6, 6], [7, 6], [20, 22, 0.5]]);
		const expected = new Float32Array(PIXELS);
		for (let y = 0; y < SIZE; y++) for (let x = 0; x < SIZE; x++) expected[y * SIZE + x] = source[(SIZE - 1 - x) * SIZE + y]!;
		const turned = affineWarp(source, affineMatrix({...still, rotation: 90}));
		assert.ok(largestDifference(turned, expected) < 1e-6);
		// The top of the L's stem (5, 3) ends up at (24, 5): right of center, near the top.
		assert.ok(turned[5 * SIZE + 24]! > 0.999);
		assert.notDeepEqual(expected, source);
	});

	test('scaling by 2 about the center doubles distances from it', () => {
		// (17.5, 13.5) is 4 px right of center; it lands 8 px right, at (21.5, 13.5).
		const source = image([[17, 13], [18, 13], [17, 14], [18, 14]]);
		const grown = affineWarp(source, affineMatrix({...still, scale: 2}));
		const row = 13 * SIZE;
		assert.ok(grown[row + 21]! > 0.99 && grown[row + 22]! > 0.99);
		assert.equal(grown[row + 17], 0);
	});

	test('small rotations and shifts keep the ink of real digits within 3%', async () => {
		const digits = await realDigits(8);
		for (let n = 0; n < 8; n++) {
			const digit = digits.subarray(n * PIXELS, (n + 1) * PIXELS);
			const moved = affineWarp(digit, affineMatrix({rotation: 7, scale: 1, shear: 0.1, shiftX: 1.3, shiftY: -0.7}));
			const ratio = mass(moved) / mass(digit);
			assert.ok(ratio > 0.97 && ratio < 1.03, `digit ${n}: ink ratio ${ratio}`);
		}
	});
});

describe('randomAffine', () => {
	test('draws within the limits, and nothing for a limit of 0', () => {
		const random = seededRandom(11);
		const seen = {rotation: 0, scale: 0, shear: 0, shift: 0};
		for (let draw = 0; draw < 500; draw++) {
			const drawn = randomAffine(defaultAugmentation, random);
			assert.ok(Math.abs(drawn.rotation) <= defaultAugmentation.rotation);
			assert.ok(Math.abs(drawn.scale - 1) <= defaultAugmentation.scale);
			assert.ok(Math.abs(drawn.shear) <= defaultAugmentation.shear);
			assert.ok(Math.max(Math.abs(drawn.shiftX), Math.abs(drawn.shiftY)) <= defaultAugmentation.shift);
			seen.rotation = Math.max(seen.rotation, Math.abs(drawn.rotation) / defaultAugmentation.rotation);
			seen.scale = Math.max(seen.scale, Math.abs(drawn.scale - 1) / defaultAugmentation.scale);
			seen.shear = Math.max(seen.shear, Math.abs(drawn.shear) / defaultAugmentation.shear);
			seen.shift = Math.max(seen.shift, Math.abs(drawn.shiftX) / defaultAugmentation.shift);
		}

		// 500 draws come close to every limit.
		assert.ok(Object.values(seen).every(reach => reach > 0.95), JSON.stringify(seen));
		assert.deepEqual(randomAffine(noAugmentation, random), still);
	});
});

describe('dilate and erode', () => {
	test('dilate grows a stroke by a pixel on every side', () => {
		const bar = stroke(8, 10, 10);
		assert.equal(ink(bar), 20);
		assert.equal(ink(dilate(bar)), 12 * 4);
	});

	test('erode shrinks a 3-pixel stroke to its middle line', () => {
		const bar = stroke(8, 10, 10);
		bar.fill(1, 12 * SIZE + 8, 12 * SIZE + 18);
		assert.equal(ink(bar), 30);
		assert.equal(ink(erode(bar)), 8);
	});

	test('a partial amount moves pixels part of the way', () => {
		const single = image([[10, 10]]);
		const grown = dilate(single, undefined, 0.4);
		assert.ok(Math.abs(grown[10 * SIZE + 11]! - 0.4) < 1e-6);
		assert.equal(grown[10 * SIZE + 10], 1);
		assert.ok(Math.abs(erode(single, undefined, 0.4)[10 * SIZE + 10]! - 0.6) < 1e-6);
	});

	test('amount 0 changes nothing', async () => {
		const digits = (await realDigits(1)).slice();
		assert.deepEqual(dilate(digits, undefined, 0), digits);
		assert.deepEqual(erode(digits, undefined, 0), digits);
	});

	test('on real digits dilate adds ink and erode removes it', async () => {
		const digit = await realDigits(1);
		assert.ok(mass(dilate(digit)) > mass(digit) * 1.3);
		assert.ok(mass(erode(digit)) < mass(digit) * 0.7);
	});
});

describe('elastic distortion', () => {
	test('zero fields are the identity', async () => {
		const digit = await realDigits(1);
		assert.deepEqual(elasticWarp(digit, new Float32Array(PIXELS), new Float32Array(PIXELS)), digit);
	});

	test('alpha 0 makes zero fields', () => {
		const {dx, dy} = elasticFields(seededRandom(3), 0, elasticKernel(5));
		assert.ok(dx.every(value => value === 0) && dy.every(value => value === 0));
	});

	test('a constant field is a shift', () => {
		const moved = elasticWarp(image([[10, 12]]), new Float32Array(PIXELS).fill(-2), new Float32Array(PIXELS).fill(1));
		assert.ok(largestDifference(moved, image([[12, 11]])) < 1e-6);
	});

	test('random fields are as strong as blurred white noise: alpha·√(1/3 ÷ 4πσ²)', () => {
		for (const sigma of [4, 5, 6, 8]) {
			const kernel = elasticKernel(sigma);
			const random = seededRandom(sigma);
			let squares = 0;
			let samples = 0;
			for (let draw = 0; draw < 100; draw++) {
				const {dx, dy} = elasticFields(random, 34, kernel);
				// The middle only: near the edges the blur sees less noise.
				for (let y = 8; y < 20; y++) {
					for (let x = 8; x < 20; x++) {
						squares += dx[y * SIZE + x]! ** 2 + dy[y * SIZE + x]! ** 2;
						samples += 2;
					}
				}
			}

			const expected = 34 * Math.sqrt(1 / 3 / (4 * Math.PI * sigma * sigma));
			const measured = Math.sqrt(squares / samples);
			assert.ok(Math.abs(measured / expected - 1) < 0.1, `sigma ${sigma}: rms ${measured}, expected ${expected}`);
		}
	});

	test('random fields are smooth', () => {
		const {dx} = elasticFields(seededRandom(4), 34, elasticKernel(5));
		const spread = Math.sqrt(mass(dx.map(value => value * value)) / PIXELS);
		let step = 0;
		for (let i = 0; i < PIXELS - 1; i++) if ((i + 1) % SIZE !== 0) step = Math.max(step, Math.abs(dx[i + 1]! - dx[i]!));
		assert.ok(step < spread / 2, `largest step between neighbours ${step}, rms ${spread}`);
	});
});

describe('augmentBatch', () => {
	test('returns count × 784 values in [0, 1], changed from the input', async () => {
		const digits = await realDigits(16);
		const out = augmentBatch(digits, 16, defaultAugmentation, seededRandom(1));
		assert.equal(out.length, 16 * PIXELS);
		assert.ok(out.every(value => value >= 0 && value <= 1));
		assert.ok(largestDifference(out, digits) > 0.5);
	});

	test('writes into the given buffer and augments only `count` images', async () => {
		const digits = await realDigits(4);
		const out = new Float32Array(4 * PIXELS).fill(7);
		assert.equal(augmentBatch(digits, 3, defaultAugmentation, seededRandom(1), out), out);
		assert.ok(out.subarray(0, 3 * PIXELS).every(value => value >= 0 && value <= 1));
		assert.ok(out.subarray(3 * PIXELS).every(value => value === 7));
	});

	test('values outside [0, 1] come out clamped', () => {
		const source = new Float32Array(PIXELS).fill(1.5);
		source[0] = -1;
		const out = augmentBatch(source, 1, {...noAugmentation, rotation: 5}, seededRandom(1));
		assert.ok(out.every(value => value >= 0 && value <= 1));
	});

	test('no augmentation copies the input exactly', async () => {
		const digits = await realDigits(8);
		const zero: AugmentOptions = {...defaultAugmentation, shift: 0, rotation: 0, scale: 0, shear: 0, thickness: 0, elastic: {...defaultAugmentation.elastic, probability: 0}};
		assert.deepEqual(augmentBatch(digits, 8, zero, seededRandom(1)), digits);
		assert.deepEqual(augmentBatch(digits, 8, noAugmentation, seededRandom(1)), digits);
		const stillElastic = {...noAugmentation, elastic: {alpha: 0, sigma: 5, probability: 1}};
		assert.deepEqual(augmentBatch(digits, 8, stillElastic, seededRandom(1)), digits);
	});

	test('the same seed gives the same batch, another seed another one', async () => {
		const digits = await realDigits(8);
		const first = augmentBatch(digits, 8, defaultAugmentation, seededRandom(42));
		assert.deepEqual(augmentBatch(digits, 8, defaultAugmentation, seededRandom(42)), first);
		assert.ok(largestDifference(augmentBatch(digits, 8, defaultAugmentation, seededRandom(43)), first) > 0.5);
	});

	test('each augmentation on its own changes the digits', async () => {
		const digits = await realDigits(4);
		const only: Array<Partial<AugmentOptions>> = [{shift: 2}, {rotation: 12}, {scale: 0.1}, {shear: 0.2}, {thickness: 1}, {elastic: {alpha: 34, sigma: 5, probability: 1}}];
		for (const change of only) {
			const out = augmentBatch(digits, 4, {...noAugmentation, ...change}, seededRandom(5));
			assert.ok(largestDifference(out, digits) > 0.2, JSON.stringify(change));
		}
	});

	test('default augmentation keeps the amount of ink roughly the same', async () => {
		const digits = await realDigits(64);
		const ratio = mass(augmentBatch(digits, 64, defaultAugmentation, seededRandom(9))) / mass(digits);
		assert.ok(ratio > 0.85 && ratio < 1.15, `ink ratio ${ratio}`);
	});

	test('refuses short buffers and writing over its input', async () => {
		const digits = await realDigits(2);
		assert.throws(() => augmentBatch(digits, 3, defaultAugmentation, seededRandom(1)), RangeError);
		assert.throws(() => augmentBatch(digits, 2, defaultAugmentation, seededRandom(1), new Float32Array(PIXELS)), RangeError);
		assert.throws(() => augmentBatch(digits, 2, defaultAugmentation, seededRandom(1), digits), /separate/);
	});
});
