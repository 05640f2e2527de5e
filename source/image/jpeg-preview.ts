// Decodes a large JPEG at one eighth of its size from the DC coefficients alone: each 8×8
// block becomes one pixel, its exact mean. A camera's 4000×3000 photo then takes tens of
// milliseconds instead of seconds, with no inverse DCT and no full-size bitmap; a digit
// needs 20 px in the end. Baseline and progressive Huffman JPEGs with 8-bit samples;
// anything else gives null and goes to the full decoder.

/** RGBA pixels, 8 bits per channel, row-major. */
export type RgbaImage = {width: number; height: number; data: Uint8Array};

type Component = {id: number; h: number; v: number; table: number; dc: Int32Array; blocksPerLine: number; blocksPerColumn: number; stride: number};
type Scan = {
	parts: Array<{component: Component; dc: Huffman | undefined; ac: Huffman | undefined}>;
	/** Progressive DC refinement: one more bit per block. */
	refine: boolean;
	shift: number;
	/** Baseline scans interleave AC coefficients, which are decoded only to be passed over. */
	skipAc: boolean;
	restartInterval: number;
	mcusPerLine: number;
	mcusPerColumn: number;
};
type Huffman = {lookup: Uint16Array; maxCode: Int32Array; valueOffset: Int32Array; values: Uint8Array};

const LOOKAHEAD = 9;

/** Thrown for data that ends or breaks in the middle: the caller words it for the user. */
export class JpegDataError extends Error {}

function buildHuffman(counts: Uint8Array, values: Uint8Array): Huffman {
	const lookup = new Uint16Array(1 << LOOKAHEAD);
	const maxCode = new Int32Array(18).fill(-1);
	const valueOffset = new Int32Array(17);
	let code = 0;
	let index = 0;
	for (let length = 1; length <= 16; length++) {
		const count = counts[length - 1]!;
		valueOffset[length] = index - code;
		for (let i = 0; i < count; i++, index++, code++) {
			if (length <= LOOKAHEAD) {
				const shift = LOOKAHEAD - length;
				for (let fill = 0; fill < 1 << shift; fill++) lookup[(code << shift) | fill] = (length << 8) | values[index]!;
			}
		}

		maxCode[length] = count > 0 ? code - 1 : -1;
		code <<= 1;
	}

	maxCode[17] = 0x7fffffff;
	return {lookup, maxCode, valueOffset, values};
}

/** Reads entropy-coded bits: 0xFF 0x00 is a data 0xFF; any other marker ends the data (zeros follow). */
class BitReader {
	private buffer = 0;
	private count = 0;
	marker = -1;

	constructor(
		private readonly bytes: Uint8Array,
		public offset: number,
	) {}

	private fill(): void {
		while (this.count <= 16) {
			let byte = 0;
			if (this.marker < 0) {
				if (this.offset >= this.bytes.length) throw new JpegDataError('the file ends inside the image data');
				byte = this.bytes[this.offset]!;
				if (byte === 0xff) {
					const next = this.bytes[this.offset + 1];
					if (next === 0) this.offset += 2;
					else {
						this.marker = next ?? 0xd9;
						byte = 0;
					}
				} else this.offset++;
			}

			this.buffer = ((this.buffer << 8) | byte) >>> 0;
			this.count += 8;
		}
	}

	bits(n: number): number {
		if (n === 0) return 0;
		if (this.count < n) this.fill();
		this.count -= n;
		return (this.buffer >>> this.count) & ((1 << n) - 1);
	}

	decode(table: Huffman): number {
		if (this.count < 16) this.fill();
		const entry = table.lookup[(this.buffer >>> (this.count - LOOKAHEAD)) & ((1 << LOOKAHEAD) - 1)]!;
		if (entry !== 0) {
			this.count -= entry >> 8;
			return entry & 0xff;
		}

		let code = (this.buffer >>> (this.count - LOOKAHEAD)) & ((1 << LOOKAHEAD) - 1);
		let length = LOOKAHEAD;
		this.count -= LOOKAHEAD;
		while (length < 16 && code > table.maxCode[length]!) {
			code = (code << 1) | this.bits(1);
			length++;
		}

		if (code > table.maxCode[length]!) throw new JpegDataError('the image data is corrupt (a code matches no Huffman table)');
		return table.values[table.valueOffset[length]! + code]!;
	}

	/** Skips to just past the next restart marker, dropping the bits left in this byte. */
	restart(): void {
		this.buffer = 0;
		this.count = 0;
		if (this.marker < 0) {
			while (this.offset < this.bytes.length - 1 && !(this.bytes[this.offset] === 0xff && this.bytes[this.offset + 1]! >= 0xd0 && this.bytes[this.offset + 1]! <= 0xd7)) this.offset++;
			this.marker = this.bytes[this.offset + 1] ?? 0xd9;
		}

		if (this.marker >= 0xd0 && this.marker <= 0xd7) {
			this.offset += 2;
			this.marker = -1;
		}
	}
}

const extend = (value: number, length: number): number => (length > 0 && value < 1 << (length - 1) ? value - (1 << length) + 1 : value);

/** Offset of the next marker (0xFF followed by neither 0x00, 0xFF nor a restart marker) at or after `offset`. */
function nextMarker(bytes: Uint8Array, offset: number): number {
	for (let i = offset; i < bytes.length - 1; i++) {
		if (bytes[i] !== 0xff) continue;
		const next = bytes[i + 1]!;
		if (next !== 0 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) return i;
	}

	throw new JpegDataError('the file ends inside the image data');
}

/** EXIF orientation (1–8) from an APP1 segment, 1 when absent. */
function exifOrientation(bytes: Uint8Array, start: number, end: number): number {
	if (end - start < 14 || String.fromCharCode(...bytes.subarray(start, start + 4)) !== 'Exif') return 1;
	const tiff = start + 6;
	const little = bytes[tiff] === 0x49;
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const u16 = (at: number) => (at + 2 <= end ? view.getUint16(at, little) : 0);
	const u32 = (at: number) => (at + 4 <= end ? view.getUint32(at, little) : 0);
	const ifd = tiff + u32(tiff + 4);
	const entries = u16(ifd);
	for (let i = 0; i < entries; i++) {
		const entry = ifd + 2 + i * 12;
		if (entry + 12 > end) break;
		if (u16(entry) === 0x0112) return u16(entry + 8) || 1;
	}

	return 1;
}

function decodeScan(reader: BitReader, scan: Scan): void {
	const predictions = new Int32Array(scan.parts.length);
	const decodeBlock = (part: number, index: number): void => {
		const {component, dc, ac} = scan.parts[part]!;
		if (scan.refine) {
			if (reader.bits(1)) component.dc[index]! |= 1 << scan.shift;
			return;
		}

		if (!dc) throw new JpegDataError('a scan uses a Huffman table the file does not define');
		const length = reader.decode(dc);
		predictions[part] = predictions[part]! + extend(reader.bits(length), length);
		component.dc[index] = predictions[part] << scan.shift;
		if (!scan.skipAc) return;
		if (!ac) throw new JpegDataError('a scan uses a Huffman table the file does not define');
		for (let k = 1; k < 64; k++) {
			const symbol = reader.decode(ac);
			const size = symbol & 15;
			if (size === 0) {
				if (symbol !== 0xf0) break;
				k += 15;
				continue;
			}

			k += symbol >> 4;
			reader.bits(size);
		}
	};

	const single = scan.parts.length === 1;
	const only = scan.parts[0]!.component;
	const units = single ? only.blocksPerLine * only.blocksPerColumn : scan.mcusPerLine * scan.mcusPerColumn;
	for (let unit = 0; unit < units; unit++) {
		if (scan.restartInterval > 0 && unit > 0 && unit % scan.restartInterval === 0) {
			reader.restart();
			predictions.fill(0);
		}

		if (single) {
			const row = Math.floor(unit / only.blocksPerLine);
			decodeBlock(0, row * only.stride + (unit % only.blocksPerLine));
			continue;
		}

		const mcuRow = Math.floor(unit / scan.mcusPerLine);
		const mcuColumn = unit % scan.mcusPerLine;
		for (let part = 0; part < scan.parts.length; part++) {
			const {component} = scan.parts[part]!;
			for (let v = 0; v < component.v; v++) {
				for (let h = 0; h < component.h; h++) decodeBlock(part, (mcuRow * component.v + v) * component.stride + mcuColumn * component.h + h);
			}
		}
	}
}

/** Where pixel (x, y) of the upright image comes from in the stored one, per EXIF orientation. */
function orient(image: RgbaImage, orientation: number): RgbaImage {
	if (orientation < 2 || orientation > 8) return image;
	const swap = orientation >= 5;
	const width = swap ? image.height : image.width;
	const height = swap ? image.width : image.height;
	const data = new Uint8Array(width * height * 4);
	const [w, h] = [image.width, image.height];
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const [sx, sy] = [
				[x, y],
				[w - 1 - x, y],
				[w - 1 - x, h - 1 - y],
				[x, h - 1 - y],
				[y, x],
				[y, h - 1 - x],
				[w - 1 - y, h - 1 - x],
				[w - 1 - y, x],
			][orientation - 1]!;
			data.set(image.data.subarray((sy! * w + sx!) * 4, (sy! * w + sx!) * 4 + 4), (y * width + x) * 4);
		}
	}

	return {width, height, data};
}

type Frame = {components: Component[]; width: number; height: number; maxH: number; maxV: number};

/** One pixel per 8×8 block: the block's mean is 128 + DC × quantizer / 8. */
function compose(frame: Frame, quantization: number[], adobeTransform: number): RgbaImage {
	const width = Math.ceil(frame.width / 8);
	const height = Math.ceil(frame.height / 8);
	const data = new Uint8Array(width * height * 4);
	const levels = frame.components.map(component => {
		const quantizer = quantization[component.table] ?? 1;
		const plane = new Uint8ClampedArray(width * height);
		for (let y = 0; y < height; y++) {
			const row = Math.floor((y * component.v) / frame.maxV) * component.stride;
			for (let x = 0; x < width; x++) plane[y * width + x] = 128 + (component.dc[row + Math.floor((x * component.h) / frame.maxH)]! * quantizer) / 8;
		}

		return plane;
	});
	const rgb = levels.length === 3 && adobeTransform === 0;
	for (let i = 0; i < width * height; i++) {
		const o = i * 4;
		data[o + 3] = 255;
		if (levels.length === 1) {
			data[o] = data[o + 1] = data[o + 2] = levels[0]![i]!;
		} else if (rgb) {
			[data[o], data[o + 1], data[o + 2]] = [levels[0]![i]!, levels[1]![i]!, levels[2]![i]!];
		} else {
			const [luma, blue, red] = [levels[0]![i]!, levels[1]![i]! - 128, levels[2]![i]! - 128];
			data[o] = clamp(luma + 1.402 * red);
			data[o + 1] = clamp(luma - 0.344136 * blue - 0.714136 * red);
			data[o + 2] = clamp(luma + 1.772 * blue);
		}
	}

	return {width, height, data};
}

const clamp = (value: number): number => (value < 0 ? 0 : value > 255 ? 255 : Math.round(value));

/** A DQT segment: the first value of each table (all a block's mean needs). */
function readQuantization(bytes: Uint8Array, view: DataView, start: number, end: number, quantization: number[]): void {
	for (let at = start; at < end; ) {
		const wide = bytes[at]! >> 4 > 0;
		quantization[bytes[at]! & 15] = wide ? view.getUint16(at + 1) : bytes[at + 1]!;
		at += 1 + (wide ? 128 : 64);
	}
}

/** A DHT segment: each table goes to its class (DC or AC) and slot. */
function readHuffmanTables(bytes: Uint8Array, start: number, end: number, dcTables: Huffman[], acTables: Huffman[]): void {
	for (let at = start; at + 17 <= end; ) {
		const counts = bytes.subarray(at + 1, at + 17);
		const total = counts.reduce((sum, count) => sum + count, 0);
		(bytes[at]! >> 4 === 0 ? dcTables : acTables)[bytes[at]! & 15] = buildHuffman(counts, bytes.slice(at + 17, at + 17 + total));
		at += 17 + total;
	}
}

/** The components an SOS segment names, each with its Huffman tables. */
function scanParts(bytes: Uint8Array, start: number, frame: Frame, dcTables: Huffman[], acTables: Huffman[]) {
	return Array.from({length: bytes[start]!}, (_, i) => {
		const component = frame.components.find(candidate => candidate.id === bytes[start + 1 + i * 2]);
		if (!component) throw new JpegDataError('a scan names a color component the image does not have');
		const tables = bytes[start + 2 + i * 2]!;
		return {component, dc: dcTables[tables >> 4], ac: acTables[tables & 15]};
	});
}

/**
 * The JPEG at 1/8 scale (rounded up), EXIF orientation applied, or null when it is not a
 * kind this decoder handles (arithmetic coding, lossless, 12-bit, CMYK).
 * Throws JpegDataError when the data is cut short or broken.
 */
export function decodeJpegPreview(bytes: Uint8Array): RgbaImage | null {
	if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const quantization: number[] = [];
	const dcTables: Huffman[] = [];
	const acTables: Huffman[] = [];
	let frame: Frame | undefined;
	let progressive = false;
	let restartInterval = 0;
	let orientation = 1;
	let adobeTransform = -1;
	let offset = 2;
	while (offset < bytes.length) {
		if (bytes[offset] !== 0xff) {
			offset = nextMarker(bytes, offset);
			continue;
		}

		const marker = bytes[offset + 1];
		if (marker === undefined) break;
		if (marker === 0xff) {
			offset++;
			continue;
		}

		if (marker === 0xd9) {
			if (!frame) throw new JpegDataError('the file has no image data');
			return orient(compose(frame, quantization, adobeTransform), orientation);
		}

		if (offset + 4 > bytes.length) break;
		const start = offset + 4;
		const end = offset + 2 + view.getUint16(offset + 2);
		if (end > bytes.length) break;
		if (marker === 0xdb) {
			readQuantization(bytes, view, start, end, quantization);
		} else if (marker === 0xc0 || marker === 0xc1 || marker === 0xc2) {
			if (bytes[start] !== 8) return null;
			progressive = marker === 0xc2;
			frame = readFrame(bytes, view, start);
			if (!frame) return null;
		} else if (marker === 0xc4) {
			readHuffmanTables(bytes, start, end, dcTables, acTables);
		} else if (marker === 0xdd) {
			restartInterval = view.getUint16(start);
		} else if (marker === 0xe1 && orientation === 1) {
			orientation = exifOrientation(bytes, start, end);
		} else if (marker === 0xee && String.fromCharCode(...bytes.subarray(start, start + 5)) === 'Adobe') {
			adobeTransform = bytes[start + 11] ?? -1;
		} else if (marker === 0xda) {
			if (!frame) throw new JpegDataError('the image data comes before the image header');
			const count = bytes[start]!;
			const parts = scanParts(bytes, start, frame, dcTables, acTables);
			const spectralStart = bytes[start + 1 + count * 2]!;
			const approximation = bytes[start + 3 + count * 2]!;
			// Progressive scans of AC coefficients are passed over: a block's mean is its DC coefficient alone.
			if (progressive && spectralStart > 0) {
				offset = nextMarker(bytes, end);
				continue;
			}

			const reader = new BitReader(bytes, end);
			decodeScan(reader, {
				parts,
				refine: progressive && approximation >> 4 > 0,
				shift: progressive ? approximation & 15 : 0,
				skipAc: !progressive,
				restartInterval,
				mcusPerLine: Math.ceil(frame.width / (8 * frame.maxH)),
				mcusPerColumn: Math.ceil(frame.height / (8 * frame.maxV)),
			});
			offset = nextMarker(bytes, reader.offset);
			continue;
		} else if (marker >= 0xc3 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8) {
			// Lossless, hierarchical or arithmetic-coded: rare; the full decoder has its say.
			return null;
		}

		offset = end;
	}

	throw new JpegDataError('the file ends before the image data does');
}

function readFrame(bytes: Uint8Array, view: DataView, start: number): Frame | undefined {
	const height = view.getUint16(start + 1);
	const width = view.getUint16(start + 3);
	const count = bytes[start + 5]!;
	if (width === 0 || height === 0 || (count !== 1 && count !== 3)) return undefined;
	const components: Component[] = Array.from({length: count}, (_, i) => {
		const at = start + 6 + i * 3;
		return {id: bytes[at]!, h: bytes[at + 1]! >> 4 || 1, v: bytes[at + 1]! & 15 || 1, table: bytes[at + 2]!, dc: new Int32Array(0), blocksPerLine: 0, blocksPerColumn: 0, stride: 0};
	});
	const maxH = Math.max(...components.map(component => component.h));
	const maxV = Math.max(...components.map(component => component.v));
	const mcusPerLine = Math.ceil(width / (8 * maxH));
	const mcusPerColumn = Math.ceil(height / (8 * maxV));
	for (const component of components) {
		component.blocksPerLine = Math.ceil(Math.ceil((width * component.h) / maxH) / 8);
		component.blocksPerColumn = Math.ceil(Math.ceil((height * component.v) / maxV) / 8);
		component.stride = mcusPerLine * component.h;
		component.dc = new Int32Array(component.stride * mcusPerColumn * component.v);
	}

	return {components, width, height, maxH, maxV};
}
