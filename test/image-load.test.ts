import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import zlib from 'node:zlib';
import {Jimp} from 'jimp';
import {type GrayImage, ImageFileError, readImage, readImageFile, writeGrayPng} from '../source/image/load.js';

let temporary: string;

const file = (name: string): string => path.join(temporary, name);

/** A 6×4 gradient with a black pixel at (1, 1) and a white one at (4, 2). */
function gradient(): GrayImage {
	const data = new Float32Array(24);
	for (let i = 0; i < data.length; i++) data[i] = (i % 6) / 5;
	data[1 * 6 + 1] = 0;
	data[2 * 6 + 4] = 1;
	return {width: 6, height: 4, data};
}

/** PNG chunk: length, type, data, CRC of type and data. */
function pngChunk(type: string, data: Uint8Array): Buffer {
	const header = Buffer.alloc(4);
	header.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(zlib.crc32(body));
	return Buffer.concat([header, body, crc]);
}

async function assertImageError(promise: Promise<unknown>, message: string | RegExp): Promise<void> {
	await assert.rejects(promise, (error: unknown) => {
		assert.ok(error instanceof ImageFileError, `expected an ImageFileError, got ${String(error)}`);
		if (typeof message === 'string') assert.equal(error.message, message);
		else assert.match(error.message, message);
		return true;
	});
}

before(async () => {
	temporary = await fs.mkdtemp(path.join(os.tmpdir(), 'digits-image-'));
});

after(async () => {
	await fs.rm(temporary, {recursive: true, force: true});
});

describe('reading images', () => {
	test('writeGrayPng and readImageFile round-trip a PNG exactly (to 8 bits)', async () => {
		const image = gradient();
		await writeGrayPng(file('gradient.png'), image);
		const read = await readImageFile(file('gradient.png'));
		assert.equal(read.width, 6);
		assert.equal(read.height, 4);
		for (let i = 0; i < image.data.length; i++) assert.ok(Math.abs(read.data[i]! - image.data[i]!) <= 0.5 / 255, `pixel ${i}`);
	});

	for (const mime of ['image/jpeg', 'image/bmp', 'image/gif', 'image/tiff'] as const) {
		test(`reads ${mime}`, async () => {
			// White with a black 4×4 square: JPEG blurs the edges and jimp's GIF encoder quantizes, so allow some slack.
			const image = new Jimp({width: 16, height: 12, color: 0xffffffff});
			for (let y = 4; y < 8; y++) for (let x = 8; x < 12; x++) image.setPixelColor(0x000000ff, x, y);
			const name = file(`square.${mime.split('/')[1]}`);
			await fs.writeFile(name, await image.getBuffer(mime));
			const read = await readImageFile(name);
			assert.equal(read.width, 16);
			assert.equal(read.height, 12);
			assert.ok(read.data[0]! > 0.95, `corner ${read.data[0]}`);
			assert.ok(read.data[5 * 16 + 9]! < 0.2, `square ${read.data[5 * 16 + 9]}`);
		});
	}

	test('colors become their luma', async () => {
		const image = new Jimp({width: 2, height: 1, color: 0xff0000ff});
		image.setPixelColor(0x00ff00ff, 1, 0);
		const read = await readImage(await image.getBuffer('image/png'), 'colors.png');
		assert.ok(Math.abs(read.data[0]! - 0.299) < 0.01);
		assert.ok(Math.abs(read.data[1]! - 0.587) < 0.01);
	});

	test('transparency is composited on white', async () => {
		// Transparent black everywhere, one opaque black pixel, one half-transparent black pixel.
		const image = new Jimp({width: 3, height: 1, color: 0x00000000});
		image.setPixelColor(0x000000ff, 1, 0);
		image.setPixelColor(0x00000080, 2, 0);
		await fs.writeFile(file('transparent.png'), await image.getBuffer('image/png'));
		const read = await readImageFile(file('transparent.png'));
		assert.equal(read.data[0], 1);
		assert.equal(read.data[1], 0);
		assert.ok(Math.abs(read.data[2]! - 127 / 255) < 0.01, `half-transparent black is ${read.data[2]}`);
	});

	test('readImage decodes bytes from stdin', async () => {
		const image = new Jimp({width: 5, height: 7, color: 0x808080ff});
		const read = await readImage(new Uint8Array(await image.getBuffer('image/png')), 'stdin');
		assert.equal(read.width, 5);
		assert.equal(read.height, 7);
		assert.ok(Math.abs(read.data[0]! - 128 / 255) < 0.001);
	});
});

describe('refusing bad files, each with its own sentence', () => {
	test('a missing file is not fetched as a URL', async () => {
		await assertImageError(readImageFile(file('missing.png')), `${file('missing.png')} does not exist; check the path.`);
		await assertImageError(readImageFile('https://example.invalid/digit.png'), 'https://example.invalid/digit.png does not exist; check the path.');
	});

	test('a directory', async () => {
		await fs.mkdir(file('folder.png'));
		await assertImageError(readImageFile(file('folder.png')), `${file('folder.png')} is a folder, not an image; give a PNG, JPEG, BMP, GIF or TIFF file.`);
	});

	test('an unreadable file', {skip: process.getuid?.() === 0 ? 'root can read anything' : false}, async () => {
		await writeGrayPng(file('secret.png'), gradient());
		await fs.chmod(file('secret.png'), 0o000);
		await assertImageError(readImageFile(file('secret.png')), `${file('secret.png')} cannot be read (permission denied); check its permissions.`);
	});

	test('an empty file', async () => {
		await fs.writeFile(file('empty.png'), '');
		await assertImageError(readImageFile(file('empty.png')), `${file('empty.png')} is empty (0 bytes); give a PNG, JPEG, BMP, GIF or TIFF image.`);
		await assertImageError(readImage(new Uint8Array(0), 'stdin'), 'stdin is empty (0 bytes); give a PNG, JPEG, BMP, GIF or TIFF image.');
	});

	test('a file over 100 MB is refused before it is read', async () => {
		// A sparse file: no disk space used, and never read.
		await fs.writeFile(file('huge.png'), '');
		await fs.truncate(file('huge.png'), 150 * 1024 * 1024);
		await assertImageError(readImageFile(file('huge.png')), `${file('huge.png')} is too large (150.0 MB; the limit is 100.0 MB); give a smaller image.`);
	});

	test('a text file renamed .png', async () => {
		await fs.writeFile(file('notes.png'), 'This is not a picture of a digit.\n');
		await assertImageError(readImageFile(file('notes.png')), `${file('notes.png')} is not an image (it is a text file); give a PNG, JPEG, BMP, GIF or TIFF file.`);
	});

	test('a zip file renamed .png', async () => {
		const zip = Buffer.concat([Buffer.from('504b030414000000080000000000', 'hex'), Buffer.alloc(64)]);
		await fs.writeFile(file('photo.png'), zip);
		await assertImageError(readImageFile(file('photo.png')), `${file('photo.png')} is not an image (it is a zip archive); give a PNG, JPEG, BMP, GIF or TIFF file.`);
	});

	test('random bytes', async () => {
		await assertImageError(readImage(Uint8Array.from([0, 1, 2, 3, 250, 251, 252, 253]), 'noise.bin'), 'noise.bin is not an image (its first bytes match no image format); give a PNG, JPEG, BMP, GIF or TIFF file.');
	});

	test('WebP and SVG say to convert to PNG', async () => {
		const webp = Buffer.concat([Buffer.from('RIFF', 'latin1'), Buffer.from([36, 0, 0, 0]), Buffer.from('WEBPVP8 ', 'latin1'), Buffer.alloc(24)]);
		await assertImageError(readImage(webp, 'digit.webp'), 'digit.webp is a WebP image, which this program cannot decode; convert it to PNG.');
		const svg = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="28" height="28"><path d="M1 1L27 27"/></svg>\n';
		await assertImageError(readImage(Buffer.from(svg), 'digit.svg'), 'digit.svg is an SVG drawing, which this program cannot decode; convert it to PNG.');
	});

	test('a truncated PNG', async () => {
		const image = new Jimp({width: 64, height: 64, color: 0xffffffff});
		for (let x = 0; x < 64; x++) image.setPixelColor(0x000000ff, x, (x * 7) % 64);
		const png = await image.getBuffer('image/png');
		await fs.writeFile(file('cut.png'), png.subarray(0, Math.floor(png.length * 0.6)));
		await assertImageError(readImageFile(file('cut.png')), `${file('cut.png')} is corrupt or truncated (the file ends before the image data does); save it again or use another file.`);
		await assertImageError(readImage(png.subarray(0, 12), 'header.png'), 'header.png is corrupt or truncated (its header is incomplete); save it again or use another file.');
	});

	test('a PNG whose header claims 20000×20000 is refused before decoding', async () => {
		const header = Buffer.alloc(13);
		header.writeUInt32BE(20_000, 0);
		header.writeUInt32BE(20_000, 4);
		header[8] = 8; // 8-bit gray
		const png = Buffer.concat([
			Buffer.from('89504e470d0a1a0a', 'hex'),
			pngChunk('IHDR', header),
			pngChunk('IDAT', zlib.deflateSync(Buffer.alloc(20_001 * 100))),
			pngChunk('IEND', new Uint8Array(0)),
		]);
		await fs.writeFile(file('bomb.png'), png);
		const started = performance.now();
		await assertImageError(
			readImageFile(file('bomb.png')),
			`${file('bomb.png')} is too large to read (20,000×20,000 pixels, 400 megapixels; the limit is 50); scale it down and try again.`,
		);
		assert.ok(performance.now() - started < 1000, 'refused without decoding');
	});

	test('the error carries the file name', async () => {
		await assert.rejects(readImage(new Uint8Array(0), 'stdin'), (error: unknown) => {
			assert.ok(error instanceof ImageFileError);
			assert.equal(error.file, 'stdin');
			assert.equal(error.name, 'ImageFileError');
			return true;
		});
	});
});
