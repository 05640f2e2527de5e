import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {DataFileError, parseIdxImages, parseIdxLabels} from '../source/data/idx.js';

const FILE = 'data/train-images-idx3-ubyte';
const LABELS = 'data/train-labels-idx1-ubyte';
const REMEDY = 'Delete it or replace it with the original MNIST file.';

/** An IDX image file: big-endian header, then `count` images whose every pixel is the image's index + 1. */
function imageFile(count: number, rows = 28, cols = 28, magic = 2051): Uint8Array {
	const bytes = new Uint8Array(16 + count * rows * cols);
	const view = new DataView(bytes.buffer);
	view.setUint32(0, magic);
	view.setUint32(4, count);
	view.setUint32(8, rows);
	view.setUint32(12, cols);
	for (let i = 0; i < count; i++) bytes.fill(i + 1, 16 + i * rows * cols, 16 + (i + 1) * rows * cols);
	return bytes;
}

function labelFile(labels: number[], magic = 2049): Uint8Array {
	const bytes = new Uint8Array(8 + labels.length);
	const view = new DataView(bytes.buffer);
	view.setUint32(0, magic);
	view.setUint32(4, labels.length);
	bytes.set(labels, 8);
	return bytes;
}

function assertDataError(run: () => unknown, message: string): void {
	assert.throws(run, (error: unknown) => {
		assert.ok(error instanceof DataFileError, `expected a DataFileError, got ${String(error)}`);
		assert.equal(error.message, message);
		return true;
	});
}

describe('parseIdxImages', () => {
	test('reads count, dimensions and the pixels of a 3-image file', () => {
		const parsed = parseIdxImages(imageFile(3), FILE);
		assert.equal(parsed.count, 3);
		assert.equal(parsed.rows, 28);
		assert.equal(parsed.cols, 28);
		assert.equal(parsed.pixels.length, 3 * 784);
		assert.equal(parsed.pixels[0], 1);
		assert.equal(parsed.pixels[783], 1);
		assert.equal(parsed.pixels[784], 2);
		assert.equal(parsed.pixels[3 * 784 - 1], 3);
	});

	test('works on a view into a larger buffer (as Node gives for file reads)', () => {
		const file = imageFile(2);
		const padded = new Uint8Array(file.length + 10);
		padded.set(file, 5);
		const parsed = parseIdxImages(padded.subarray(5, 5 + file.length), FILE);
		assert.equal(parsed.count, 2);
		assert.equal(parsed.pixels[0], 1);
		assert.equal(parsed.pixels[784], 2);
	});

	test('an empty file', () => {
		assertDataError(() => parseIdxImages(new Uint8Array(0), FILE), `${FILE} is too short to be an MNIST image file (0 bytes). ${REMEDY}`);
	});

	test('a bad magic number', () => {
		assertDataError(() => parseIdxImages(imageFile(3, 28, 28, 1234), FILE), `${FILE} is not an MNIST image file (magic number 1234; expected magic number 2051). ${REMEDY}`);
	});

	test('a label file given as images', () => {
		assertDataError(() => parseIdxImages(labelFile([1, 2, 3]), FILE), `${FILE} is not an MNIST image file (magic number 2049, which marks a label file; expected magic number 2051). ${REMEDY}`);
	});

	test('a gzip file given raw', () => {
		const gzip = new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 0]);
		assertDataError(() => parseIdxImages(gzip, FILE), `${FILE} is not an MNIST image file (it is gzip-compressed; expected magic number 2051). ${REMEDY}`);
	});

	test('a header cut short', () => {
		assertDataError(() => parseIdxImages(imageFile(3).subarray(0, 10), FILE), `${FILE} is truncated: expected at least 16 bytes, found 10. ${REMEDY}`);
	});

	test('wrong dimensions', () => {
		assertDataError(() => parseIdxImages(imageFile(3, 32, 28), FILE), `${FILE} holds 32×28 images, but MNIST images are 28×28. ${REMEDY}`);
	});

	test('a truncated file', () => {
		assertDataError(() => parseIdxImages(imageFile(3).subarray(0, 1000), FILE), `${FILE} is truncated: expected 2,368 bytes, found 1,000. ${REMEDY}`);
	});

	test('the full-size sentence uses thousands separators', () => {
		const header = imageFile(0);
		new DataView(header.buffer).setUint32(4, 60000);
		const bytes = new Uint8Array(1000);
		bytes.set(header);
		assertDataError(() => parseIdxImages(bytes, FILE), `${FILE} is truncated: expected 47,040,016 bytes, found 1,000. ${REMEDY}`);
	});

	test('extra bytes after the images', () => {
		const file = imageFile(3);
		const longer = new Uint8Array(file.length + 4);
		longer.set(file);
		assertDataError(() => parseIdxImages(longer, FILE), `${FILE} is longer than its header says: expected 2,368 bytes, found 2,372. ${REMEDY}`);
	});
});

describe('parseIdxLabels', () => {
	test('reads the labels', () => {
		const parsed = parseIdxLabels(labelFile([7, 0, 9]), LABELS);
		assert.equal(parsed.count, 3);
		assert.deepEqual(Array.from(parsed.labels), [7, 0, 9]);
	});

	test('a label above 9', () => {
		assertDataError(
			() => parseIdxLabels(labelFile([1, 2, 12]), LABELS),
			`${LABELS} has label 12 at position 2, but labels must be digits 0 to 9. ${REMEDY}`,
		);
	});

	test('an image file given as labels', () => {
		assertDataError(() => parseIdxLabels(imageFile(1), LABELS), `${LABELS} is not an MNIST label file (magic number 2051, which marks an image file; expected magic number 2049). ${REMEDY}`);
	});

	test('a truncated label file', () => {
		assertDataError(() => parseIdxLabels(labelFile([1, 2, 3]).subarray(0, 9), LABELS), `${LABELS} is truncated: expected 11 bytes, found 9. ${REMEDY}`);
	});

	test('the error names the file it is about', () => {
		try {
			parseIdxLabels(new Uint8Array(2), LABELS);
			assert.fail('expected an error');
		} catch (error) {
			assert.ok(error instanceof DataFileError);
			assert.equal(error.file, LABELS);
			assert.equal(error.name, 'DataFileError');
		}
	});
});
