// The preprocessing pipeline was made several times faster (plain loops instead of typed arrays'
// map, one histogram for several quantiles, the quadratic fit's sums in locals) without changing
// a single output bit: this digest of its 28×28 outputs was computed with the code before that
// work, on MNIST digits as the uploads `digits serve` gets and on photo-like pictures. A change
// that moves any output (on purpose) updates the digest and says why (DIGITS_PRINT_DIGEST=1 prints it).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import {test} from 'node:test';
import {Jimp} from 'jimp';
import {loadMnist} from '../source/data/mnist.js';
import {readImage, type GrayImage} from '../source/image/load.js';
import {preprocessForModel} from '../source/image/preprocess.js';
import {seededRandom} from '../source/random.js';
import {fixtureKinds} from './digit-fixtures.js';

const MNIST_COUNT = 300;
const PER_KIND = 2;
const DIGEST = process.env['DIGITS_PRINT_DIGEST'] === undefined ? 'f5813e59664662feeb658677d9baa803cc4448fa94287dfd86bd71fd7cd85f0c' : '';

/** RGBA as the loader turns it gray (transparent parts on white). */
function gray({width, height, data}: {width: number; height: number; data: Uint8Array}): GrayImage {
	const out = new Float32Array(width * height);
	for (let i = 0; i < out.length; i++) {
		const alpha = data[i * 4 + 3]! / 255;
		const luma = (0.299 * data[i * 4]! + 0.587 * data[i * 4 + 1]! + 0.114 * data[i * 4 + 2]!) / 255;
		out[i] = luma * alpha + (1 - alpha);
	}
	return {width, height, data: out};
}

test('the 28×28 inputs of MNIST uploads and photo-like pictures are bit for bit what they were', async () => {
	const mnist = await loadMnist('test', {limit: MNIST_COUNT});
	const hash = crypto.createHash('sha256');
	const add = (pixels: Float32Array | null) => hash.update(pixels ? Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength) : Buffer.from('none'));
	for (let i = 0; i < MNIST_COUNT; i++) {
		// As the serving bench sends them: white on black, an 8-bit grayscale PNG.
		const image = new Jimp({width: 28, height: 28, color: 0x000000ff});
		mnist.images.subarray(i * 784, (i + 1) * 784).forEach((level, p) => image.bitmap.data.fill(level, p * 4, p * 4 + 3));
		add(preprocessForModel(await readImage(await image.getBuffer('image/png', {colorType: 0}), 'digit.png')));
	}
	fixtureKinds.forEach((kind, k) => {
		for (let i = 0; i < PER_KIND; i++) {
			const index = k * PER_KIND + i;
			const digit = Float32Array.from(mnist.images.subarray(index * 784, (index + 1) * 784), level => level / 255);
			add(preprocessForModel(gray(kind.make(digit, seededRandom(1000 + index), i))));
		}
	});
	const digest = hash.digest('hex');
	if (!DIGEST) console.log(digest);
	else assert.equal(digest, DIGEST);
});
