import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import zlib from 'node:zlib';
import {Jimp} from 'jimp';
import {decodeJpegPreview, JpegDataError, type RgbaImage} from '../source/image/jpeg-preview.js';
import {type GrayImage, ImageFileError, readImage, readImageFile, writeGrayPng} from '../source/image/load.js';
import {pngChunk} from './digit-fixtures.js';

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

// Two 64×48 JPEGs from libjpeg's cjpeg (a color gradient, a wave in blue, a dark square), with
// the layouts jimp cannot write: progressive with 4:2:0 chroma, and baseline 4:2:0 with a restart marker per MCU row.
const progressiveJpeg = Buffer.from(
	[
	'/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYIDAoMDAsKCwsNDhIQDQ4RDgsLEBYQERMU',
	'FRUVDA8XGBYUGBIUFRT/2wBDAQMEBAUEBQkFBQkUDQsNFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQU',
	'FBQUFBQUFBT/wgARCAAwAEADASIAAhEBAxEB/8QAGwAAAwEAAwEAAAAAAAAAAAAABAUGBwACAwj/xAAXAQEBAQEAAAAAAAAAAAAA',
	'AAAGBQcC/9oADAMBAAIQAxAAAAGs7Jh+srds8wTD1/0FzNKqrXeNJx4ZS4r3QNkucx+ZbbLokp+t53eDb1Iej8l1jH3k6ayzd0Ol',
	'IAKqN3PFq7LnwSF52r//xAAfEAACAwADAQEBAQAAAAAAAAAAAQIDEQUGExUSBzH/2gAIAQEAAQUChPCV5666WQnileK3XSx3YO7T',
	'mOf+KQ/of4Ov9o+6e2lL0rlhK8rnr7n/AIdGn+SuWlLPbBWa6WcxxH10+opHCcV8opYrMUryllcsJXnrrpZCeErz10peHtg7tKpa',
	'VPB3YO7Sp6f/xAAbEQABBQEBAAAAAAAAAAAAAAABAAIDBBIRIf/aAAgBAwEBPwGpX0eqKq8t60KrVPfUxnPFDFgKr6wNChjyPVXg',
	'2VHHoqrXyFFHsqtBgL//xAAiEQABBAIBBAMAAAAAAAAAAAAEAAIDBQETMRESFCEVMkH/2gAIAQIBAT8BuimiRaY1W121++fhXRjY',
	'ItUSqKrJEm6RYgktCev4ih/B+3pqyL8mZ1Z7ai8x1g3bjlV9ewCDY9Wcz7CfWxBAMrh9jlYyPsSOxvC//8QAKhAAAQEDCQkAAAAA',
	'AAAAAAAAERMAA0IEEBIgIzRhgqMkMEDBwtHh4vH/2gAIAQEABj8C3TmxWUMQAHdrhrerP9nQSox0iThhWkWflNLcnVWc2ySZhJPx',
	'r5p+We2qqghAHCf/xAAgEAACAgICAgMAAAAAAAAAAAAAEQExEGEhQbHwIFGB/9oACAEBAAE/IVREWR2h2O2nZFQkNWcj7+OJG1Ca',
	'PtAUQlljQsNm/gWf0yeEwcBPiomfC5uMAbq+ZTc/ZVjt42YExEXjOFRHZDRIlFjVjAsJWMWPH//aAAwDAQACAAMAAAAQZMcWkKGE',
	'+X5b/8QAGxEBAQEAAgMAAAAAAAAAAAAAAQAhEVFhsdH/2gAIAQMBAT8QUER3kD5PsDPSEgjPLsjfbOKNmFSQggJSUQjFS//EABwR',
	'AAIDAAMBAAAAAAAAAAAAAAERACExQVFhof/aAAgBAgEBPxDlpkW1FY5+bB4miLnWx5BtBiqACNdB1u+QhaBLeg99mSUiVIqbWDio',
	'oqa/af/EAB4QAQEBAAIDAAMAAAAAAAAAAAEAESExQXHwEGHB/9oACAEBAAE/ECHmNAjhNQrAHNkYRoba2LHZMYo+5x3b6Zn7nAHF',
	'6zU/it0vbd8ZytlBiN24gihzLfx+Mbn8op8xE7I74hzdSxN8oPFntuzXlA/NEe7fXq7jF2SPBNoxjzDkQfZaxiHmMIRx5sB2POPg',
	'RjdhF2DGLjFBW//Z',
	].join(''),
	'base64',
);
const restartJpeg = Buffer.from(
	[
	'/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYIDAoMDAsKCwsNDhIQDQ4RDgsLEBYQERMU',
	'FRUVDA8XGBYUGBIUFRT/2wBDAQMEBAUEBQkFBQkUDQsNFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQU',
	'FBQUFBQUFBT/wAARCAAwAEADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUF',
	'BAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVW',
	'V1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi',
	'4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAEC',
	'AxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVm',
	'Z2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq',
	'8vP09fb3+Pn6/90ABAAE/9oADAMBAAIRAxEAPwD1iwvBCg5qW510KpAauNl1oRpjNZ0mtGR8bq040zWllOE+p4ffY/ljKcudSSk0',
	'dsmqmaQfNXTaLLuIJNfMXxg+Pp+C40R/7E/tr+0vP/5e/I8vy/L/ANhs58z2xj3rjbL/AIKHmzAA8Absf9RnH/tvX4/w1w59arrH',
	'47SL1XX8Nz9dwmVV5UlKnG6fmv8AM/QOxvhDGOaW517AwGr5p/Z9/ahb47Jr+fD/APYP9lfZ/wDl9+0eb5vmf9M0248v3zntjn1R',
	'tZMr/er6rjXOaWAwqwuFe6PrsryuSn761R28WqGaT71dTokmdpzXnGjzmRga7nTLoRIDmvzThDhSeYYj67iVpufpVGgoJRR//9DG',
	'ude3NgNUun3pmkHNcDBqTTSDmut0SToTXxcMBiOKMz5mrxufkOCwioQWh49+2ccweCv+33/2hXzLX238Y/hGvxdi0UNrP9k/2d53',
	'/Lr53meZs/21xjy/fOa8ul/ZHijP/I4Z/wC4b/8Abq/Rc1y5ZErVPdppKz07K+m+/kfpWV+9QjTjvr+bN79hu9+yDxsM43/Yf0+0',
	'V9babdmVxzXzv8EfhUPhS+r7dX/tT+0PJ/5dvJ8vy9/+22c7/bpXvOiSfdJr8bllb4mzlyo+9TVrb9lffzPvMFhnTgnJano+jTBF',
	'BzW8dYESda4eDUhDH1qtda8TwGr9bzeWH4Yy32cNJWPsMuwLrTTaP//R8S0abeyk13GnXYhQc153o83lqDmtp9ZESY3V+28P8PUc',
	'gwP1msrOx8Ph8O6skkdnca6EXAaqA1czSda4qXWzI2A1aOlXBlcHNfgPE+Mr8QY/6tR1Vz9VyvL1Sim0ejaLLvINdtYXghQc157p',
	'M4jQHNasmtCNMbq/VckyGhw7l/1iqrOx9lhcM600kdlc66FBAaqSaqZnHNcTJrJkfG6tXSZzIwJNfzxxFia/EeY+wpaxufq2WYBU',
	'YJtH/9k=',
	].join(''),
	'base64',
);

/** The same JPEG with an EXIF block saying how to turn it upright (orientation 1–8). */
function withOrientation(jpeg: Buffer, orientation: number): Buffer {
	const tiff = Buffer.from([0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0]);
	const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
	const header = Buffer.from([0xff, 0xe1, 0, 0]);
	header.writeUInt16BE(body.length + 2, 2);
	return Buffer.concat([jpeg.subarray(0, 2), header, body, jpeg.subarray(2)]);
}

const luma = (data: ArrayLike<number>, i: number) => 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;

/** The largest difference in brightness (0..255) between each preview pixel and the mean of its 8×8 block in jimp's full decode. */
async function differenceFromFullDecode(jpeg: Buffer, preview: RgbaImage): Promise<number> {
	const {bitmap} = await Jimp.fromBuffer(jpeg);
	assert.deepEqual([preview.width, preview.height], [Math.ceil(bitmap.width / 8), Math.ceil(bitmap.height / 8)]);
	let largest = 0;
	for (let by = 0; by < preview.height; by++) {
		for (let bx = 0; bx < preview.width; bx++) {
			let [sum, count] = [0, 0];
			for (let y = by * 8; y < Math.min(bitmap.height, by * 8 + 8); y++) {
				for (let x = bx * 8; x < Math.min(bitmap.width, bx * 8 + 8); x++, count++) sum += luma(bitmap.data, (y * bitmap.width + x) * 4);
			}

			largest = Math.max(largest, Math.abs(sum / count - luma(preview.data, (by * preview.width + bx) * 4)));
		}
	}

	return largest;
}

describe('large JPEGs are read at 1/8 scale from their DC coefficients', () => {
	test('baseline (as jimp writes it): each pixel is the mean of its 8×8 block', async () => {
		const image = new Jimp({width: 100, height: 60, color: 0xf0e0d0ff});
		for (let y = 10; y < 50; y++) for (let x = 20; x < 45; x++) image.setPixelColor(0x203040ff, x, y);
		const jpeg = await image.getBuffer('image/jpeg', {quality: 90});
		const preview = decodeJpegPreview(jpeg);
		assert.ok(preview);
		assert.ok((await differenceFromFullDecode(jpeg, preview)) < 2);
	});

	for (const [name, jpeg] of [
		['progressive, 4:2:0 chroma', progressiveJpeg],
		['restart markers', restartJpeg],
		['EXIF orientation 6 (turned a quarter clockwise)', withOrientation(progressiveJpeg, 6)],
		['EXIF orientation 3 (upside down)', withOrientation(restartJpeg, 3)],
	] as const) {
		test(name, async () => {
			const preview = decodeJpegPreview(jpeg);
			assert.ok(preview);
			assert.ok((await differenceFromFullDecode(jpeg, preview)) < 2);
		});
	}

	test('a cut-off JPEG is an error, not a half-gray picture', () => {
		assert.throws(() => decodeJpegPreview(restartJpeg.subarray(0, 900)), JpegDataError);
	});

	test('what it does not handle is left to the full decoder', () => {
		assert.equal(decodeJpegPreview(Buffer.from('not a jpeg')), null);
	});

	test('readImage uses it above 4 megapixels and says how large the file was', async () => {
		const photo = new Jimp({width: 2400, height: 1800, color: 0xffffffff});
		for (let y = 600; y < 1200; y++) for (let x = 1100; x < 1300; x++) photo.setPixelColor(0x000000ff, x, y);
		const jpeg = await photo.getBuffer('image/jpeg', {quality: 80});
		const started = performance.now();
		const read = await readImage(jpeg, 'photo.jpg');
		const milliseconds = performance.now() - started;
		assert.deepEqual([read.width, read.height, read.sourceWidth, read.sourceHeight, read.format], [300, 225, 2400, 1800, 'JPG']);
		assert.ok(read.data[0]! > 0.95 && read.data[112 * 300 + 150]! < 0.05);
		assert.ok(milliseconds < 2000, `took ${milliseconds.toFixed(0)} ms`);
	});
});

describe('damaged files of every format get one clear sentence', () => {
	const drawing = async (mime: 'image/png' | 'image/jpeg' | 'image/bmp' | 'image/gif' | 'image/tiff') => {
		const image = new Jimp({width: 48, height: 40, color: 0xffffffff});
		for (let x = 0; x < 48; x++) image.setPixelColor(0x000000ff, x, (x * 7) % 40);
		return image.getBuffer(mime);
	};

	for (const mime of ['image/png', 'image/jpeg', 'image/bmp', 'image/gif', 'image/tiff'] as const) {
		test(`a cut-off ${mime.slice(6).toUpperCase()}`, async () => {
			const bytes = await drawing(mime);
			for (const share of [0.3, 0.7, 0.97]) {
				await assertImageError(
					readImage(bytes.subarray(0, Math.floor(bytes.length * share)), 'cut'),
					'cut is corrupt or truncated (the file ends before the image data does); save it again or use another file.',
				);
			}
		});
	}

	test('a BMP and a GIF whose data makes no sense say so without the decoder\'s words', async () => {
		const bmp = Buffer.from(await drawing('image/bmp'));
		bmp.writeUInt16LE(7, 28); // 7 bits per pixel: no such BMP
		const gif = Buffer.from(await drawing('image/gif'));
		for (let i = 13; i < gif.length - 1; i++) gif[i] = 0xff - gif[i]!; // all but the header and the trailer
		for (const bytes of [bmp, gif]) {
			await assertImageError(readImage(bytes, 'scrambled'), 'scrambled is corrupt or truncated (its image data is damaged); save it again or use another file.');
		}
	});
});
