// Digits that reach the app small or soft: written 8–16 px tall and shown enlarged (a scan's
// tiny digit zoomed), out of focus, squeezed by JPEG, or written with a broad marker. Each
// kind is drawn from MNIST digits, written as a file and read through the app's one file
// path (readImageFile → preprocessForModel), as bench/user-inputs.ts does for its kinds.
// `from: 'validation'` draws them from the last 10% of the training images, which `best`
// held out as its validation split (`classic` trained on all 60,000, so it has seen them):
// tune on those; the test-built ones are scored once per finished change.
// Standalone: `node --import tsx bench/soft-inputs.ts MODEL [MODEL...] [--per-kind N] [--from test|validation] [--keep DIR]`.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {Jimp} from 'jimp';
import {loadMnist} from '../source/data/mnist.js';
import {type GrayImage, readImageFile, writeGrayPng} from '../source/image/load.js';
import {inkBounds, preprocessForModel, resize} from '../source/image/preprocess.js';
import {seededRandom, shuffledIndices} from '../source/random.js';
import {imagePixels, imageSide} from '../source/digit-size.js';
import {flag, morph, onPage, printAccuracies, type UserInputSet} from './user-inputs.js';

/** The ink height the blurred, compressed and dilated kinds are shown at, in pixels. */
const SHOWN_HEIGHT = 100;
const MARGIN = 30;
/** The share of the training images `best` held out for validation (the last 10%). */
const HELD_OUT_SHARE = 0.1;

/** The digit's ink (bright, 0..1) cropped to its bounds and scaled so that it is `height` px tall: area-averaged when shrinking, bilinear when enlarging. */
export function inkAtHeight(digit: GrayImage, height: number): GrayImage {
	const box = inkBounds(digit)!;
	const cropped: GrayImage = {width: box.width, height: box.height, data: new Float32Array(box.width * box.height)};
	for (let y = 0; y < box.height; y++) cropped.data.set(digit.data.subarray((box.top + y) * digit.width + box.left, (box.top + y) * digit.width + box.left + box.width), y * box.width);
	return resize(cropped, Math.max(1, Math.round((box.width * height) / box.height)), height);
}

/** Enlarges by a whole `factor`, each pixel a square block (what a viewer's nearest-neighbour zoom shows). */
export function enlargeNearest(image: GrayImage, factor: number): GrayImage {
	const [width, height] = [image.width * factor, image.height * factor];
	const data = new Float32Array(width * height);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) data[y * width + x] = image.data[Math.floor(y / factor) * image.width + Math.floor(x / factor)]!;
	}

	return {width, height, data};
}

/** A Gaussian blur of standard deviation `sigma` pixels (separable; edges repeat the border pixel). */
export function gaussianBlur(image: GrayImage, sigma: number): GrayImage {
	const reach = Math.ceil(3 * sigma);
	const weights = Array.from({length: 2 * reach + 1}, (_, k) => Math.exp(-((k - reach) ** 2) / (2 * sigma * sigma)));
	const total = weights.reduce((sum, weight) => sum + weight, 0);
	const pass = (source: Float32Array, width: number, height: number, horizontal: boolean): Float32Array => {
		const target = new Float32Array(source.length);
		for (let y = 0; y < height; y++) {
			for (let x = 0; x < width; x++) {
				let value = 0;
				for (let k = -reach; k <= reach; k++) {
					const u = horizontal ? Math.min(width - 1, Math.max(0, x + k)) : x;
					const v = horizontal ? y : Math.min(height - 1, Math.max(0, y + k));
					value += source[v * width + u]! * weights[k + reach]!;
				}
				target[y * width + x] = value / total;
			}
		}
		return target;
	};
	const {width, height} = image;
	return {width, height, data: pass(pass(image.data, width, height, true), width, height, false)};
}

type Page = {image: GrayImage; quality?: number};
/** Each kind: a page (dark ink on white) drawn from a 28×28 digit with ink 0..1; `quality` writes it as a JPEG. */
export const softKinds: Array<{kind: string; draw: (digit: GrayImage) => Page}> = [
	...[8, 10, 12, 16].flatMap(height => [
		{kind: `${height} px, bilinear`, draw: (digit: GrayImage) => ({image: onPage(resizeToHeight(inkAtHeight(digit, height), SHOWN_HEIGHT), MARGIN)})},
		{kind: `${height} px, nearest`, draw: (digit: GrayImage) => ({image: onPage(enlargeNearest(inkAtHeight(digit, height), Math.round(SHOWN_HEIGHT / height)), MARGIN)})},
	]),
	...[1, 2, 3].map(sigma => ({kind: `blur σ ${sigma}`, draw: (digit: GrayImage) => ({image: gaussianBlur(onPage(inkAtHeight(digit, SHOWN_HEIGHT), MARGIN), sigma)})})),
	...[10, 20, 30].map(quality => ({kind: `JPEG q${quality}`, draw: (digit: GrayImage) => ({image: onPage(inkAtHeight(digit, SHOWN_HEIGHT), MARGIN), quality})})),
	...[3, 6].map(radius => ({kind: `dilated ${radius} px`, draw: (digit: GrayImage) => ({image: onPage(morph(inkAtHeight(digit, SHOWN_HEIGHT), radius, Math.max), MARGIN + radius)})})),
];

/** Bilinear enlargement of a small image so that it is `height` px tall (the aspect kept). */
function resizeToHeight(image: GrayImage, height: number): GrayImage {
	return resize(image, Math.max(1, Math.round((image.width * height) / image.height)), height);
}

async function writePage(file: string, {image, quality}: Page): Promise<void> {
	if (quality === undefined) return writeGrayPng(file, image);
	const jpeg = new Jimp({width: image.width, height: image.height, color: 0xffffffff});
	for (let i = 0; i < image.data.length; i++) {
		const level = Math.round(Math.min(1, Math.max(0, image.data[i]!)) * 255);
		jpeg.bitmap.data.fill(level, i * 4, i * 4 + 3);
	}
	await fs.writeFile(file, await jpeg.getBuffer('image/jpeg', {quality}));
}

/** The digits a set is drawn from: MNIST's test images, or the training images `best` held out. */
export async function sourceDigits(from: 'test' | 'validation'): Promise<{images: Uint8Array; labels: Uint8Array; first: number; count: number}> {
	const split = await loadMnist(from === 'test' ? 'test' : 'train');
	const first = from === 'test' ? 0 : split.count - Math.floor(split.count * HELD_OUT_SHARE);
	return {images: split.images, labels: split.labels, first, count: split.count - first};
}

/**
 * `perKind` inputs of each soft kind, 28×28 as the model sees them (blank where the app
 * finds no digit: that counts as the model reads it), each kind from its own digits picked by `seed`.
 */
export async function softInputSets({perKind = 500, seed = 1, from = 'test', folder}: {perKind?: number; seed?: number; from?: 'test' | 'validation'; folder?: string} = {}): Promise<UserInputSet[]> {
	const digits = await sourceDigits(from);
	const order = shuffledIndices(digits.count, seededRandom(seed));
	const target = folder ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'digits-soft-inputs-')));
	await fs.mkdir(target, {recursive: true});
	try {
		const sets: UserInputSet[] = [];
		for (const [k, {kind, draw}] of softKinds.entries()) {
			const images = new Float32Array(perKind * imagePixels);
			const labels = new Uint8Array(perKind);
			for (let i = 0; i < perKind; i++) {
				// Kinds take their digits in turn from one shuffled order, wrapping round when there are more inputs than digits.
				const index = digits.first + order[(k * perKind + i) % digits.count]!;
				labels[i] = digits.labels[index]!;
				const digit = {width: imageSide, height: imageSide, data: Float32Array.from(digits.images.subarray(index * imagePixels, (index + 1) * imagePixels), value => value / 255)};
				const page = draw(digit);
				const file = path.join(target, `${kind.replaceAll(/[^a-z\d]+/gi, '-')}-${i}-${labels[i]}.${page.quality === undefined ? 'png' : 'jpg'}`);
				await writePage(file, page);
				const seen = preprocessForModel(await readImageFile(file));
				if (seen) images.set(seen, i * imagePixels);
			}
			sets.push({kind, images, labels});
		}
		return sets;
	} finally {
		if (!folder) await fs.rm(target, {recursive: true, force: true});
	}
}

if (import.meta.filename === path.resolve(process.argv[1] ?? '')) {
	const valued = new Set(['--per-kind', '--from', '--keep', '--seed']);
	const models = process.argv.slice(2).filter((argument, i, all) => !argument.startsWith('--') && !valued.has(all[i - 1]!));
	const from = flag('--from') ?? 'test';
	if (models.length === 0 || (from !== 'test' && from !== 'validation')) {
		console.error('usage: node --import tsx bench/soft-inputs.ts MODEL [MODEL...] [--per-kind N] [--from test|validation] [--seed N] [--keep DIR]');
		process.exit(2);
	}
	const started = performance.now();
	const sets = await softInputSets({perKind: Number(flag('--per-kind') ?? 500), seed: Number(flag('--seed') ?? 1), from, folder: flag('--keep')});
	console.error(`${sets.length} kinds of ${sets[0]!.labels.length} inputs made and read in ${((performance.now() - started) / 1000).toFixed(1)} s`);
	await printAccuracies(models, sets);
}
