// Structural checks on image bytes, made without decoding: whether the file ends before
// the data its own header announces. Some decoders read past the end without a word (a
// cut-off TIFF comes out with a black bottom) and others fail with a message about byte
// offsets; these checks let the user hear "the file ends before the image data does".

function view(bytes: Uint8Array): DataView {
	return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The end of a TIFF's first image data (strips or tiles), or undefined when its header cannot say. */
function tiffDataEnd(bytes: Uint8Array): number | undefined {
	const data = view(bytes);
	if (bytes.length < 8) return bytes.length + 1;
	const little = bytes[0] === 0x49;
	if (data.getUint16(2, little) !== 42) return undefined;
	const u16 = (at: number) => data.getUint16(at, little);
	const u32 = (at: number) => data.getUint32(at, little);
	const directory = u32(4);
	if (directory + 2 > bytes.length) return directory + 2;
	const entries = u16(directory);
	if (directory + 2 + entries * 12 > bytes.length) return directory + 2 + entries * 12;
	const values = new Map<number, number[]>();
	for (let i = 0; i < entries; i++) {
		const entry = directory + 2 + i * 12;
		const [tag, type, count] = [u16(entry), u16(entry + 2), u32(entry + 4)];
		if (![273, 279, 324, 325].includes(tag) || (type !== 3 && type !== 4)) continue;
		const size = type === 3 ? 2 : 4;
		const start = count * size <= 4 ? entry + 8 : u32(entry + 8);
		if (start + count * size > bytes.length) return start + count * size;
		values.set(tag, Array.from({length: count}, (_, k) => (size === 2 ? u16(start + k * 2) : u32(start + k * 4))));
	}

	const offsets = values.get(273) ?? values.get(324);
	const counts = values.get(279) ?? values.get(325);
	if (!offsets || !counts) return undefined;
	return offsets.reduce((end, offset, k) => Math.max(end, offset + (counts[k] ?? 0)), 0);
}

/** The end of a BMP's pixel rows as its header describes them, or undefined when it cannot say. */
function bmpDataEnd(bytes: Uint8Array): number | undefined {
	if (bytes.length < 26) return bytes.length + 1;
	const data = view(bytes);
	const pixelsAt = data.getUint32(10, true);
	const headerSize = data.getUint32(14, true);
	if (headerSize === 12) {
		const [width, height, bits] = [data.getUint16(18, true), data.getUint16(20, true), bytes.length >= 26 ? data.getUint16(24, true) : 0];
		return pixelsAt + Math.ceil((bits * width) / 32) * 4 * height;
	}

	if (headerSize < 40 || bytes.length < 38) return headerSize < 40 ? undefined : bytes.length + 1;
	const width = Math.abs(data.getInt32(18, true));
	const height = Math.abs(data.getInt32(22, true));
	const bits = data.getUint16(28, true);
	const compression = data.getUint32(30, true);
	const imageSize = data.getUint32(34, true);
	if (compression === 0 || compression === 3 || compression === 6) return pixelsAt + Math.ceil((bits * width) / 32) * 4 * height;
	return imageSize > 0 ? pixelsAt + imageSize : undefined;
}

/**
 * Whether the bytes stop before the image data their header announces. `decoderFailed`:
 * the decoder already failed, so a missing end marker is evidence enough.
 */
export function endsEarly(bytes: Uint8Array, format: string, {decoderFailed}: {decoderFailed: boolean}): boolean {
	const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(-12);
	switch (format) {
		case 'TIF': {
			const end = tiffDataEnd(bytes);
			return end !== undefined && end > bytes.length;
		}

		case 'BMP': {
			const end = bmpDataEnd(bytes);
			return end !== undefined && end > bytes.length;
		}

		case 'PNG':
			return decoderFailed && !tail.includes('IEND', 0, 'latin1');
		case 'JPG':
			return decoderFailed && !(tail.at(-2) === 0xff && tail.at(-1) === 0xd9);
		case 'GIF':
			return decoderFailed && tail.at(-1) !== 0x3b;
		default:
			return false;
	}
}
