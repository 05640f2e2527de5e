import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import zlib from 'node:zlib';
import {Jimp} from 'jimp';
import {readImage} from '../source/image/load.js';
import {decodePlainPng, plainPng} from '../source/image/png.js';
import {seededRandom} from '../source/random.js';
import {pngChunk} from './digit-fixtures.js';

/** A picture with every kind of pixel: gradients, noise, and (for alpha) see-through parts. */
async function varied(width: number, height: number, seed: number, colorType: number, filterType: number): Promise<Buffer> {
	const random = seededRandom(seed);
	const image = new Jimp({width, height, color: 0xffffffff});
	const data = image.bitmap.data;
	for (let i = 0; i < width * height; i++) {
		const x = i % width;
		const noisy = random() < 0.3;
		data[i * 4] = noisy ? Math.floor(random() * 256) : (x * 37) & 0xff;
		data[i * 4 + 1] = noisy ? Math.floor(random() * 256) : (i * 11) & 0xff;
		data[i * 4 + 2] = noisy ? Math.floor(random() * 256) : 255 - ((x * 5) & 0xff);
		data[i * 4 + 3] = random() < 0.2 ? Math.floor(random() * 256) : 255;
	}
	return image.getBuffer('image/png', {colorType, filterType, inputHasAlpha: true} as never);
}

/** The same PNG with one chunk's byte changed and its CRC made right again. */
function withHeaderByte(png: Buffer, offset: number, value: number): Buffer {
	const copy = Buffer.from(png);
	copy[8 + 8 + offset] = value;
	copy.writeUInt32BE(zlib.crc32(copy.subarray(12, 12 + 4 + 13)), 8 + 8 + 13);
	return copy;
}

describe('the plain PNG decoder', () => {
	test('gives jimp\'s pixels for gray, gray + alpha, RGB and RGBA, every filter type, odd sizes', async () => {
		let checked = 0;
		for (const colorType of [0, 2, 4, 6]) {
			for (const filterType of [-1, 0, 1, 2, 3, 4]) {
				for (const [width, height] of [[1, 1], [7, 5], [28, 28], [33, 17], [3, 64]] as const) {
					const png = await varied(width, height, checked + 1, colorType, filterType);
					const chunks = plainPng(png);
					assert.ok(chunks, `colour type ${colorType}, filter ${filterType}, ${width}×${height} is read`);
					const ours = decodePlainPng(chunks);
					const theirs = (await Jimp.fromBuffer(png)).bitmap;
					assert.deepEqual([ours?.width, ours?.height], [theirs.width, theirs.height]);
					assert.ok(Buffer.from(ours!.data).equals(Buffer.from(theirs.data)), `colour type ${colorType}, filter ${filterType}, ${width}×${height}: same pixels`);
					checked++;
				}
			}
		}
		assert.equal(checked, 120);
	});

	test('leaves interlaced, 16-bit, palette, colour-keyed and damaged PNGs to jimp', async () => {
		const png = await varied(9, 7, 1, 2, -1);
		assert.equal(plainPng(withHeaderByte(png, 12, 1)), null, 'interlaced');
		assert.equal(plainPng(withHeaderByte(png, 8, 16)), null, '16-bit');
		assert.equal(plainPng(withHeaderByte(png, 9, 3)), null, 'palette');
		const damaged = Buffer.from(png);
		damaged[damaged.length - 20]! ^= 0xff;
		assert.equal(plainPng(damaged), null, 'a CRC that does not match');
		assert.equal(plainPng(png.subarray(0, png.length - 12)), null, 'no IEND');
		const trns = Buffer.concat([png.subarray(0, 33), pngChunk('tRNS', Buffer.from([0, 0, 0, 0, 0, 0])), png.subarray(33)]);
		assert.equal(plainPng(trns), null, 'colour-key transparency');
		// jimp reads the colour-keyed one, with the key colour transparent: readImage takes that path.
		assert.equal((await readImage(trns, 'keyed.png')).width, 9);
	});

	test('readImage gives the same gray pixels through either decoder (RGB, RGBA)', async () => {
		for (const colorType of [2, 6]) {
			const png = await varied(31, 23, colorType, colorType, -1);
			const fast = await readImage(png, 'fast.png');
			// A suggested palette, which changes no pixel, sends the same picture to jimp.
			const slow = await readImage(Buffer.concat([png.subarray(0, 33), pngChunk('PLTE', Buffer.from([0, 0, 0])), png.subarray(33)]), 'slow.png');
			assert.deepEqual({...fast, bytes: 0}, {...slow, bytes: 0});
		}
	});
});
