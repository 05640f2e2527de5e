import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import zlib from 'node:zlib';
import {DataFileError} from '../source/data/idx.js';
import {dataDir, loadMnist} from '../source/data/mnist.js';

function imageFile(count: number): Uint8Array {
	const bytes = new Uint8Array(16 + count * 784);
	const view = new DataView(bytes.buffer);
	view.setUint32(0, 2051);
	view.setUint32(4, count);
	view.setUint32(8, 28);
	view.setUint32(12, 28);
	for (let i = 0; i < count; i++) bytes.fill(10 * (i + 1), 16 + i * 784, 16 + (i + 1) * 784);
	return bytes;
}

function labelFile(labels: number[]): Uint8Array {
	const bytes = new Uint8Array(8 + labels.length);
	const view = new DataView(bytes.buffer);
	view.setUint32(0, 2049);
	view.setUint32(4, labels.length);
	bytes.set(labels, 8);
	return bytes;
}

let temporary: string;
let fixture = 0;

/** A fresh folder holding the given files. */
async function folderWith(files: Record<string, Uint8Array>): Promise<string> {
	const dir = path.join(temporary, `case-${fixture++}`);
	await fs.mkdir(dir);
	for (const [name, bytes] of Object.entries(files)) await fs.writeFile(path.join(dir, name), bytes);
	return dir;
}

async function assertDataError(promise: Promise<unknown>, message: string): Promise<void> {
	await assert.rejects(promise, (error: unknown) => {
		assert.ok(error instanceof DataFileError, `expected a DataFileError, got ${String(error)}`);
		assert.equal(error.message, message);
		return true;
	});
}

before(async () => {
	temporary = await fs.mkdtemp(path.join(os.tmpdir(), 'digits-mnist-'));
});

after(async () => {
	await fs.rm(temporary, {recursive: true, force: true});
});

describe('loadMnist from the bundled files', () => {
	test('the test split has 10,000 images with plausible labels', async () => {
		const split = await loadMnist('test');
		assert.equal(split.count, 10_000);
		assert.equal(split.images.length, 10_000 * 784);
		assert.equal(split.labels.length, 10_000);
		// The first test digits are famous: 7, 2, 1, 0, 4.
		assert.deepEqual(Array.from(split.labels.subarray(0, 5)), [7, 2, 1, 0, 4]);
		const perClass = new Array<number>(10).fill(0);
		for (const label of split.labels) perClass[label]!++;
		for (const count of perClass) assert.ok(count > 800 && count < 1200, `class sizes ${perClass.join(',')}`);
		// Ink is bright on black: a digit has a black border and some full-intensity pixels.
		const first = split.images.subarray(0, 784);
		assert.equal(first[0], 0);
		assert.ok(Math.max(...first) > 200);
	});

	test('limit keeps the first N images', async () => {
		const full = await loadMnist('test');
		const some = await loadMnist('test', {limit: 25});
		assert.equal(some.count, 25);
		assert.equal(some.images.length, 25 * 784);
		assert.deepEqual(some.labels, full.labels.slice(0, 25));
		assert.deepEqual(some.images, full.images.slice(0, 25 * 784));
	});

	test('a limit above the count keeps everything', async () => {
		const split = await loadMnist('test', {limit: 20_000});
		assert.equal(split.count, 10_000);
	});

	test('a bad limit is refused', async () => {
		await assert.rejects(loadMnist('test', {limit: 0}), RangeError);
		await assert.rejects(loadMnist('test', {limit: 2.5}), RangeError);
	});

	test('an empty data folder falls back to the bundled files', async () => {
		const dir = await folderWith({});
		const split = await loadMnist('test', {dataDir: dir, limit: 3});
		assert.deepEqual(Array.from(split.labels), [7, 2, 1]);
	});

	test('the default data folder is the package data/ folder', () => {
		assert.equal(dataDir(), path.resolve(import.meta.dirname, '..', 'data'));
	});
});

describe('loadMnist from a user data folder', () => {
	test('reads raw IDX files', async () => {
		const dir = await folderWith({
			't10k-images-idx3-ubyte': imageFile(3),
			't10k-labels-idx1-ubyte': labelFile([4, 5, 6]),
		});
		const split = await loadMnist('test', {dataDir: dir});
		assert.equal(split.count, 3);
		assert.deepEqual(Array.from(split.labels), [4, 5, 6]);
		assert.equal(split.images[0], 10);
		assert.equal(split.images[784 * 2 + 5], 30);
	});

	test('reads gzipped IDX files', async () => {
		const dir = await folderWith({
			'train-images-idx3-ubyte.gz': zlib.gzipSync(imageFile(3)),
			'train-labels-idx1-ubyte.gz': zlib.gzipSync(labelFile([1, 2, 3])),
		});
		const split = await loadMnist('train', {dataDir: dir, limit: 2});
		assert.equal(split.count, 2);
		assert.deepEqual(Array.from(split.labels), [1, 2]);
		assert.equal(split.images.length, 2 * 784);
		assert.equal(split.images[784], 20);
	});

	test('image and label counts must agree', async () => {
		const dir = await folderWith({
			't10k-images-idx3-ubyte': imageFile(3),
			't10k-labels-idx1-ubyte': labelFile([4, 5]),
		});
		const images = path.join(dir, 't10k-images-idx3-ubyte');
		const labels = path.join(dir, 't10k-labels-idx1-ubyte');
		await assertDataError(loadMnist('test', {dataDir: dir}), `${images} holds 3 images but ${labels} holds 2 labels. Replace both with the original MNIST files.`);
	});

	test('a corrupt file is named in the error', async () => {
		const dir = await folderWith({
			't10k-images-idx3-ubyte': imageFile(3).subarray(0, 100),
			't10k-labels-idx1-ubyte': labelFile([4, 5, 6]),
		});
		const images = path.join(dir, 't10k-images-idx3-ubyte');
		await assertDataError(loadMnist('test', {dataDir: dir}), `${images} is truncated: expected 2,368 bytes, found 100. Delete it or replace it with the original MNIST file.`);
	});

	test('a broken gzip file', async () => {
		const gzip = zlib.gzipSync(labelFile([4, 5, 6]));
		const dir = await folderWith({
			't10k-images-idx3-ubyte': imageFile(3),
			't10k-labels-idx1-ubyte.gz': gzip.subarray(0, gzip.length - 12),
		});
		const labels = path.join(dir, 't10k-labels-idx1-ubyte.gz');
		await assert.rejects(loadMnist('test', {dataDir: dir}), (error: unknown) => {
			assert.ok(error instanceof DataFileError);
			assert.match(error.message, new RegExp(`^${labels.replaceAll('.', '\\.')} is not a valid gzip file \\(.+\\)\\. Delete it or replace it with the original MNIST file\\.$`));
			return true;
		});
	});

	test('one file of a pair without the other', async () => {
		const dir = await folderWith({'t10k-images-idx3-ubyte': imageFile(3)});
		const images = path.join(dir, 't10k-images-idx3-ubyte');
		const labels = path.join(dir, 't10k-labels-idx1-ubyte');
		await assertDataError(
			loadMnist('test', {dataDir: dir}),
			`${images} is there but ${labels} is missing. Add it (raw or .gz), or remove ${images} to use the bundled MNIST files.`,
		);
	});
});
