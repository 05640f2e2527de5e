// Parses the MNIST IDX files: a big-endian header (magic number, count, dimensions)
// followed by one unsigned byte per pixel or label. Pure: bytes in, typed arrays out.
import {UserError} from '../errors.js';
import {imageSide} from '../digit-size.js';

const IMAGE_MAGIC = 2051;
const LABEL_MAGIC = 2049;
const IMAGE_HEADER_BYTES = 16;
const LABEL_HEADER_BYTES = 8;
const REMEDY = 'Delete it or replace it with the original MNIST file.';

/** A data file that is not what it should be; the message is one sentence for the user. */
export class DataFileError extends UserError {
	constructor(
		readonly file: string,
		message: string,
	) {
		super(message);
	}
}

export type IdxImages = {count: number; rows: number; cols: number; pixels: Uint8Array};
export type IdxLabels = {count: number; labels: Uint8Array};

const formatCount = (n: number): string => n.toLocaleString('en-US');

function describeMagic(magic: number): string {
	if (magic === IMAGE_MAGIC) return 'magic number 2051, which marks an image file';
	if (magic === LABEL_MAGIC) return 'magic number 2049, which marks a label file';
	// A gzip stream starts 1f 8b.
	if (magic >>> 16 === 0x1f8b) return 'it is gzip-compressed';
	return `magic number ${magic}`;
}

function readHeader(bytes: Uint8Array, file: string, kind: 'image' | 'label', headerBytes: number): DataView {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const expected = kind === 'image' ? IMAGE_MAGIC : LABEL_MAGIC;
	if (bytes.byteLength < 4) {
		throw new DataFileError(file, `${file} is too short to be an MNIST ${kind} file (${formatCount(bytes.byteLength)} bytes). ${REMEDY}`);
	}

	const magic = view.getUint32(0);
	if (magic !== expected) {
		throw new DataFileError(file, `${file} is not an MNIST ${kind} file (${describeMagic(magic)}; expected magic number ${expected}). ${REMEDY}`);
	}

	if (bytes.byteLength < headerBytes) {
		throw new DataFileError(file, `${file} is truncated: expected at least ${headerBytes} bytes, found ${formatCount(bytes.byteLength)}. ${REMEDY}`);
	}

	return view;
}

function checkSize(bytes: Uint8Array, file: string, expected: number): void {
	if (bytes.byteLength < expected) {
		throw new DataFileError(file, `${file} is truncated: expected ${formatCount(expected)} bytes, found ${formatCount(bytes.byteLength)}. ${REMEDY}`);
	}

	if (bytes.byteLength > expected) {
		throw new DataFileError(file, `${file} is longer than its header says: expected ${formatCount(expected)} bytes, found ${formatCount(bytes.byteLength)}. ${REMEDY}`);
	}
}

/** Parses an IDX image file (magic 2051) of 28×28 images; `pixels` views `bytes` (count × 784 bytes, 0..255). */
export function parseIdxImages(bytes: Uint8Array, file: string): IdxImages {
	const view = readHeader(bytes, file, 'image', IMAGE_HEADER_BYTES);
	const count = view.getUint32(4);
	const rows = view.getUint32(8);
	const cols = view.getUint32(12);
	if (rows !== imageSide || cols !== imageSide) {
		throw new DataFileError(file, `${file} holds ${rows}×${cols} images, but MNIST images are ${imageSide}×${imageSide}. ${REMEDY}`);
	}

	checkSize(bytes, file, IMAGE_HEADER_BYTES + count * rows * cols);
	const pixels = new Uint8Array(bytes.buffer, bytes.byteOffset + IMAGE_HEADER_BYTES, count * rows * cols);
	return {count, rows, cols, pixels};
}

/** Parses an IDX label file (magic 2049); every label must be a digit 0..9. */
export function parseIdxLabels(bytes: Uint8Array, file: string): IdxLabels {
	const view = readHeader(bytes, file, 'label', LABEL_HEADER_BYTES);
	const count = view.getUint32(4);
	checkSize(bytes, file, LABEL_HEADER_BYTES + count);
	const labels = new Uint8Array(bytes.buffer, bytes.byteOffset + LABEL_HEADER_BYTES, count);
	const bad = labels.findIndex(label => label > 9);
	if (bad !== -1) {
		throw new DataFileError(file, `${file} has label ${labels[bad]} at position ${formatCount(bad)}, but labels must be digits 0 to 9. ${REMEDY}`);
	}

	return {count, labels};
}
