// Decodes the plain PNGs that uploads almost always are (8-bit gray, gray + alpha, RGB or
// RGBA, not interlaced, no colour-key transparency) with node's zlib, in a few
// microseconds for a 28×28 digit: jimp's decoder took about 170 µs per upload, most of a
// served prediction's time. Anything else, or anything damaged, gives null and goes to
// jimp, which reads every PNG and words the errors.
import zlib from 'node:zlib';
import type {RgbaImage} from './jpeg-preview.js';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
// Bytes per pixel of each colour type read here (8 bits per sample).
const CHANNELS: Record<number, number> = {0: 1, 2: 3, 4: 2, 6: 4};

export type PngHeader = {width: number; height: number; colorType: number};

/** A plain PNG's header and its image data (still deflated). */
export type PlainPng = {header: PngHeader; data: Buffer[]};

/** Whether the bytes start with PNG's signature. */
export function isPng(bytes: Uint8Array): boolean {
	return bytes.length >= 8 && SIGNATURE.every((byte, i) => bytes[i] === byte);
}

/** The header and the image data of a PNG this decoder reads, with every chunk's CRC checked; null for any other. */
function readChunks(bytes: Uint8Array): PlainPng | null {
	const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	let header: PngHeader | null = null;
	const data: Buffer[] = [];
	for (let at = 8; at + 12 <= buffer.length; ) {
		const length = buffer.readUInt32BE(at);
		const type = buffer.toString('latin1', at + 4, at + 8);
		const end = at + 12 + length;
		if (length > 0x7fffffff || end > buffer.length) return null;
		if (zlib.crc32(buffer.subarray(at + 4, at + 8 + length)) !== buffer.readUInt32BE(at + 8 + length)) return null;
		const body = buffer.subarray(at + 8, at + 8 + length);
		if (type === 'IHDR') {
			// 8 bits per sample, deflate, adaptive filtering, no interlacing.
			if (header || length !== 13 || body[8] !== 8 || body[10] !== 0 || body[11] !== 0 || body[12] !== 0 || !(body[9]! in CHANNELS)) return null;
			header = {width: body.readUInt32BE(0), height: body.readUInt32BE(4), colorType: body[9]!};
		} else if (type === 'IDAT') data.push(body);
		else if (type === 'IEND') return header && data.length > 0 ? {header, data} : null;
		// Other critical chunks (PLTE), colour-key transparency and animation are jimp's.
		else if (!header || type === 'PLTE' || type === 'tRNS' || type === 'acTL' || (type.charCodeAt(0) & 0x20) === 0) return null;
		at = end;
	}

	return null;
}

/** The Paeth predictor of PNG's filter type 4. */
function paeth(left: number, up: number, upLeft: number): number {
	const p = left + up - upLeft;
	const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
	return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
}

/** Undoes the filters in place: `raw` holds `height` rows of a filter byte and `stride` bytes; returns the rows without their filter bytes. */
function unfilter(raw: Buffer, height: number, stride: number, bpp: number): Uint8Array | null {
	const out = new Uint8Array(height * stride);
	for (let y = 0; y < height; y++) {
		const filter = raw[y * (stride + 1)]!;
		const row = y * stride;
		const source = y * (stride + 1) + 1;
		for (let x = 0; x < stride; x++) {
			const left = x >= bpp ? out[row + x - bpp]! : 0;
			const up = y > 0 ? out[row - stride + x]! : 0;
			const upLeft = y > 0 && x >= bpp ? out[row - stride + x - bpp]! : 0;
			let predicted: number;
			if (filter === 0) predicted = 0;
			else if (filter === 1) predicted = left;
			else if (filter === 2) predicted = up;
			else if (filter === 3) predicted = (left + up) >> 1;
			else if (filter === 4) predicted = paeth(left, up, upLeft);
			else return null;
			out[row + x] = (raw[source + x]! + predicted) & 0xff;
		}
	}

	return out;
}

/** Samples of one colour type → RGBA. */
function toRgba(samples: Uint8Array, pixels: number, colorType: number): Uint8Array {
	const rgba = new Uint8Array(pixels * 4);
	const channels = CHANNELS[colorType]!;
	for (let i = 0; i < pixels; i++) {
		const s = i * channels;
		const o = i * 4;
		if (colorType === 0 || colorType === 4) {
			rgba[o] = rgba[o + 1] = rgba[o + 2] = samples[s]!;
			rgba[o + 3] = colorType === 4 ? samples[s + 1]! : 255;
		} else {
			rgba[o] = samples[s]!;
			rgba[o + 1] = samples[s + 1]!;
			rgba[o + 2] = samples[s + 2]!;
			rgba[o + 3] = colorType === 6 ? samples[s + 3]! : 255;
		}
	}

	return rgba;
}

/** The chunks of a PNG this decoder reads (see above), every CRC checked, nothing inflated yet; null for any other file. */
export function plainPng(bytes: Uint8Array): PlainPng | null {
	return isPng(bytes) ? readChunks(bytes) : null;
}

/** RGBA pixels of a plain PNG, or null when its image data is damaged. */
export function decodePlainPng(chunks: PlainPng): RgbaImage | null {
	const {width, height, colorType} = chunks.header;
	const bpp = CHANNELS[colorType]!;
	const stride = width * bpp;
	let raw: Buffer;
	try {
		raw = zlib.inflateSync(chunks.data.length === 1 ? chunks.data[0]! : Buffer.concat(chunks.data), {maxOutputLength: height * (stride + 1) + 1});
	} catch {
		return null;
	}

	if (raw.length !== height * (stride + 1)) return null;
	const samples = unfilter(raw, height, stride, bpp);
	return samples && {width, height, data: toRgba(samples, width * height, colorType)};
}
