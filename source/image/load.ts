// Reads image files into grayscale floats and writes them back as PNG. The only jimp
// import: every check that can be made without decoding is made first, so bad input gets
// one clear sentence, because jimp has no size limit of its own.
import fs from 'node:fs/promises';
import {fileTypeFromBuffer} from 'file-type';
import {imageSize} from 'image-size';
import {decodableMimes, formatNames, formatSignatures} from './formats.js';
import {endsEarly} from './integrity.js';
import {UserError} from '../errors.js';
import {decodeJpegPreview, JpegDataError, type RgbaImage} from './jpeg-preview.js';
import {decodePlainPng, plainPng} from './png.js';

/** An image that cannot be used; the message is one sentence: what, which file, what to do. */
export class ImageFileError extends UserError {
	constructor(
		readonly file: string,
		message: string,
	) {
		super(message);
	}
}

/** Row-major grayscale, 0 = black, 1 = white. */
export type GrayImage = {width: number; height: number; data: Float32Array};

/** A decoded file: its gray pixels (possibly reduced, see `scale`) and what the file is. */
export type LoadedImage = GrayImage & {
	/** PNG, JPG, BMP, GIF or TIF. */
	format: string;
	/** The stored image's size, before any reduction. */
	sourceWidth: number;
	sourceHeight: number;
	bytes: number;
};

export const MAX_FILE_BYTES = 100 * 1024 * 1024;
const MAX_MEGAPIXELS = 50;
// JPEGs above this are decoded at 1/8 scale: a camera photo then takes tens of milliseconds, not seconds.
const REDUCE_JPEG_MEGAPIXELS = 4;
// What file-type's extensions are, in words, for the non-images people most often pick by mistake.
const KINDS: Record<string, string> = {
	zip: 'a zip archive',
	gz: 'a gzip archive',
	tar: 'a tar archive',
	'7z': 'a 7-Zip archive',
	rar: 'a RAR archive',
	pdf: 'a PDF document',
	mp4: 'an MP4 video',
	mov: 'a QuickTime video',
	mp3: 'an MP3 audio file',
	wav: 'a WAV audio file',
	exe: 'a Windows program',
	elf: 'a Linux program',
	docx: 'a Word document',
	xlsx: 'an Excel spreadsheet',
	pptx: 'a PowerPoint presentation',
};

const formatBytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** Whether the first bytes look like text (no control bytes besides whitespace). */
function looksLikeText(bytes: Uint8Array): boolean {
	const head = bytes.subarray(0, 512);
	return head.every(byte => byte >= 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d);
}

// Whether the file starts like a format read: file-type needs more bytes than these to say what a file is.
function startsLikeDecodable(bytes: Uint8Array): boolean {
	const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4)).toString('hex');
	return formatSignatures.some(signature => head.startsWith(signature));
}

function looksLikeSvg(bytes: Uint8Array): boolean {
	return looksLikeText(bytes) && /<svg[\s>]/i.test(new TextDecoder().decode(bytes.subarray(0, 4096)));
}

function checkByteSize(size: number, name: string): void {
	if (size === 0) throw new ImageFileError(name, `${name} is empty (0 bytes); give a ${formatNames} image.`);
	if (size > MAX_FILE_BYTES) {
		throw new ImageFileError(name, `${name} is too large (${formatBytes(size)}; the limit is ${formatBytes(MAX_FILE_BYTES)}); give a smaller image.`);
	}
}

/** Refuses what jimp cannot decode, naming what the file really is; returns the format's name. */
async function checkFormat(bytes: Uint8Array, name: string): Promise<string> {
	const type = await fileTypeFromBuffer(bytes);
	if (type && decodableMimes.has(type.mime)) return type.ext.toUpperCase();
	if (!type && startsLikeDecodable(bytes) && !looksLikeText(bytes)) {
		throw new ImageFileError(name, `${name} is corrupt or truncated (its header is incomplete); save it again or use another file.`);
	}

	if (type?.mime === 'image/webp') {
		throw new ImageFileError(name, `${name} is a WebP image, which this program cannot decode; convert it to PNG.`);
	}

	if (looksLikeSvg(bytes) || type?.ext === 'svg') {
		throw new ImageFileError(name, `${name} is an SVG drawing, which this program cannot decode; convert it to PNG.`);
	}

	if (type?.mime.startsWith('image/')) {
		throw new ImageFileError(name, `${name} is a ${type.ext.toUpperCase()} image, which this program cannot decode; convert it to PNG.`);
	}

	const kind = type ? KINDS[type.ext] ?? `a ${type.ext.toUpperCase()} file` : looksLikeText(bytes) ? 'a text file' : undefined;
	const what = kind ? `it is ${kind}` : 'its first bytes match no image format';
	throw new ImageFileError(name, `${name} is not an image (${what}); give a ${formatNames} file.`);
}

/** Reads width and height from the header, so that enormous images are refused before decoding. */
function checkDimensions(bytes: Uint8Array, name: string): {width: number; height: number} {
	let size: {width: number; height: number};
	try {
		size = imageSize(bytes);
	} catch (error) {
		throw new ImageFileError(name, `${name} is corrupt or truncated (its header cannot be read: ${(error as Error).message}); save it again or use another file.`);
	}

	const megapixels = (size.width * size.height) / 1e6;
	if (megapixels > MAX_MEGAPIXELS) {
		const dimensions = `${size.width.toLocaleString('en-US')}×${size.height.toLocaleString('en-US')}`;
		throw new ImageFileError(name, `${name} is too large to read (${dimensions} pixels, ${Math.round(megapixels)} megapixels; the limit is ${MAX_MEGAPIXELS}); scale it down and try again.`);
	}

	return size;
}

/** RGBA bytes → gray floats, with transparent parts composited on white (jimp leaves them black underneath). */
function toGray({data: rgba, width, height}: RgbaImage): GrayImage {
	const data = new Float32Array(width * height);
	for (let i = 0; i < data.length; i++) {
		const alpha = rgba[i * 4 + 3]! / 255;
		const luma = (0.299 * rgba[i * 4]! + 0.587 * rgba[i * 4 + 1]! + 0.114 * rgba[i * 4 + 2]!) / 255;
		data[i] = luma * alpha + (1 - alpha);
	}

	return {width, height, data};
}

const corrupt = (name: string, reason: string) => new ImageFileError(name, `${name} is corrupt or truncated (${reason}); save it again or use another file.`);

/** Decodes with jimp, imported on first use: it is the slowest import, and large JPEGs never need it. */
async function decodeFully(bytes: Uint8Array, name: string, format: string): Promise<RgbaImage> {
	const {Jimp} = await import('jimp');
	try {
		const image = await Jimp.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
		return {width: image.bitmap.width, height: image.bitmap.height, data: image.bitmap.data};
	} catch {
		// The decoders' own messages speak of byte offsets and block sizes: say what it means instead.
		throw corrupt(name, endsEarly(bytes, format, {decoderFailed: true}) ? 'the file ends before the image data does' : 'its image data is damaged');
	}
}

/** Decodes image bytes (PNG, JPEG, BMP, GIF's first frame, TIFF); `name` is what errors call it (e.g. "stdin"). */
export async function readImage(bytes: Uint8Array, name: string): Promise<LoadedImage> {
	checkByteSize(bytes.byteLength, name);
	// A plain PNG (every chunk whole, its CRC right) is one: file-type has nothing to add.
	const png = plainPng(bytes);
	const format = png ? 'PNG' : await checkFormat(bytes, name);
	const size = checkDimensions(bytes, name);
	if (endsEarly(bytes, format, {decoderFailed: false})) throw corrupt(name, 'the file ends before the image data does');
	// Damaged image data falls through to jimp, which words the error.
	let rgba: RgbaImage | null = png && decodePlainPng(png);
	if (format === 'JPG' && size.width * size.height > REDUCE_JPEG_MEGAPIXELS * 1e6) {
		try {
			rgba = decodeJpegPreview(bytes);
		} catch (error) {
			if (!(error instanceof JpegDataError)) throw error;
			throw corrupt(name, endsEarly(bytes, format, {decoderFailed: true}) ? 'the file ends before the image data does' : 'its image data is damaged');
		}
	}

	rgba ??= await decodeFully(bytes, name, format);
	const upright = rgba.width < rgba.height === size.width < size.height;
	return {
		...toGray(rgba),
		format,
		sourceWidth: upright ? size.width : size.height,
		sourceHeight: upright ? size.height : size.width,
		bytes: bytes.byteLength,
	};
}

/** Reads an image file, checking the path itself first: jimp would fetch a missing path as a URL. */
export async function readImageFile(file: string): Promise<LoadedImage> {
	let stats: Awaited<ReturnType<typeof fs.stat>>;
	try {
		stats = await fs.stat(file);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' || code === 'ENOTDIR') throw new ImageFileError(file, `${file} does not exist; check the path.`);
		throw new ImageFileError(file, `${file} cannot be opened (${(error as Error).message}); check the path and its permissions.`);
	}

	if (stats.isDirectory()) throw new ImageFileError(file, `${file} is a folder, not an image; give a ${formatNames} file.`);
	if (!stats.isFile()) throw new ImageFileError(file, `${file} is not a regular file; give a ${formatNames} file.`);
	try {
		await fs.access(file, fs.constants.R_OK);
	} catch {
		throw new ImageFileError(file, `${file} cannot be read (permission denied); check its permissions.`);
	}

	checkByteSize(stats.size, file);

	let bytes: Uint8Array;
	try {
		bytes = await fs.readFile(file);
	} catch (error) {
		throw new ImageFileError(file, `${file} cannot be read (${(error as Error).message}); check the file and try again.`);
	}

	return readImage(bytes, file);
}

/** Writes a grayscale image as an 8-bit PNG (whatever the file's extension). */
export async function writeGrayPng(file: string, image: GrayImage): Promise<void> {
	const {Jimp} = await import('jimp');
	const png = new Jimp({width: image.width, height: image.height, color: 0x000000ff});
	const rgba = png.bitmap.data;
	for (let i = 0; i < image.data.length; i++) {
		const level = Math.round(Math.min(1, Math.max(0, image.data[i]!)) * 255);
		rgba[i * 4] = level;
		rgba[i * 4 + 1] = level;
		rgba[i * 4 + 2] = level;
		rgba[i * 4 + 3] = 255;
	}

	await fs.writeFile(file, await png.getBuffer('image/png'));
}
