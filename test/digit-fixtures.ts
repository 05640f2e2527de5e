// MNIST test digits written out as image files the ways people make them: scanned, photographed,
// screenshotted, exported with transparency. Every file is generated from a seed, never hand-picked.
import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import {Worker} from 'node:worker_threads';
import {Jimp} from 'jimp';
import {readImageFile} from '../source/image/load.js';
import {preprocessForModel} from '../source/image/preprocess.js';
import {seededRandom} from '../source/random.js';

type Rgb = [number, number, number];
type Mime = 'image/png' | 'image/jpeg' | 'image/bmp' | 'image/gif' | 'image/tiff';
type Picture = {width: number; height: number; data: Uint8Array; mime: Mime; quality?: number};

/** A 28×28 MNIST digit (ink 0..1) scaled to `size`×`size` and turned by `degrees`, sampled bilinearly. */
export function digitInk(digit: Float32Array, size: number, degrees = 0): Float32Array {
	const out = new Float32Array(size * size);
	const scale = 28 / size;
	const [cos, sin] = [Math.cos((degrees * Math.PI) / 180), Math.sin((degrees * Math.PI) / 180)];
	const at = (x: number, y: number) => (x >= 0 && x < 28 && y >= 0 && y < 28 ? digit[y * 28 + x]! : 0);
	for (let y = 0; y < size; y++) {
		for (let x = 0; x < size; x++) {
			const [dx, dy] = [(x + 0.5) * scale - 14, (y + 0.5) * scale - 14];
			const u = cos * dx + sin * dy + 13.5;
			const v = -sin * dx + cos * dy + 13.5;
			const [x0, y0] = [Math.floor(u), Math.floor(v)];
			const [fx, fy] = [u - x0, v - y0];
			out[y * size + x] =
				at(x0, y0) * (1 - fx) * (1 - fy) + at(x0 + 1, y0) * fx * (1 - fy) + at(x0, y0 + 1) * (1 - fx) * fy + at(x0 + 1, y0 + 1) * fx * fy;
		}
	}

	return out;
}

/** Paints `ink` (size × size alpha) in `color` at (left, top) over a background drawn by `paper`. */
function paint(width: number, height: number, paper: (x: number, y: number) => Rgb, ink: Float32Array, size: number, left: number, top: number, color: Rgb): Uint8Array {
	const data = new Uint8Array(width * height * 4);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const inside = x >= left && x < left + size && y >= top && y < top + size;
			const alpha = inside ? Math.min(1, ink[(y - top) * size + x - left]!) : 0;
			const base = paper(x, y);
			const o = (y * width + x) * 4;
			for (let c = 0; c < 3; c++) data[o + c] = Math.max(0, Math.min(255, Math.round(base[c]! * (1 - alpha) + color[c]! * alpha)));
			data[o + 3] = 255;
		}
	}

	return data;
}

const between = (random: () => number, low: number, high: number) => low + random() * (high - low);
const whole = (random: () => number, low: number, high: number) => Math.floor(between(random, low, high + 1));
const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const luma = ([r, g, b]: Rgb) => (0.299 * r + 0.587 * g + 0.114 * b) / 255;
/** Roughly normal noise (sum of uniforms). */
const noise = (random: () => number, spread: number) => (random() + random() + random() - 1.5) * spread;

function randomColor(random: () => number, accept: (color: Rgb) => boolean): Rgb {
	for (;;) {
		const color: Rgb = [whole(random, 0, 255), whole(random, 0, 255), whole(random, 0, 255)];
		if (accept(color)) return color;
	}
}

/** A digit on a plain page with a margin: the common case. */
function onPage(digit: Float32Array, random: () => number, paperColor: Rgb, inkColor: Rgb, {size = whole(random, 84, 196), degrees = 0} = {}): Omit<Picture, 'mime'> {
	const margin = whole(random, 8, 40);
	const width = size + 2 * margin;
	return {width, height: width, data: paint(width, width, () => paperColor, digitInk(digit, size, degrees), size, margin, margin, inkColor)};
}

const formats: Mime[] = ['image/png', 'image/bmp', 'image/gif', 'image/tiff'];

/** Each kind of file people hand in; `make` draws one from a digit and a random source. */
export const fixtureKinds: Array<{name: string; make: (digit: Float32Array, random: () => number, index: number) => Picture}> = [
	{
		name: 'dark ink on white (PNG, BMP, GIF, TIFF)',
		make(digit, random, index) {
			const mime = formats[index % formats.length]!;
			// jimp's GIF encoder quantizes colors slowly: GIFs are kept small.
			return {...onPage(digit, random, [252, 252, 250], [20, 20, 25], {size: mime === 'image/gif' ? whole(random, 56, 90) : whole(random, 84, 196)}), mime};
		},
	},
	{
		name: 'off-center on a large canvas',
		make(digit, random) {
			const [width, height, size] = [whole(random, 400, 720), whole(random, 300, 540), whole(random, 40, 120)];
			const [left, top] = [whole(random, 0, width - size), whole(random, 0, height - size)];
			return {width, height, data: paint(width, height, () => [255, 255, 255], digitInk(digit, size), size, left, top, [0, 0, 0]), mime: 'image/png'};
		},
	},
	{
		name: 'slightly rotated',
		make: (digit, random) => ({
			...onPage(digit, random, [250, 250, 250], [30, 30, 30], {degrees: pick(random, [-1, 1]) * between(random, 4, 12)}),
			mime: 'image/png',
		}),
	},
	{
		name: 'JPEG-compressed',
		make: (digit, random) => ({...onPage(digit, random, [245, 245, 240], [25, 25, 30]), mime: 'image/jpeg', quality: whole(random, 25, 60)}),
	},
	{
		name: 'colored ink on colored paper',
		make(digit, random) {
			const paper = randomColor(random, color => luma(color) > 0.6);
			const ink = randomColor(random, color => luma(color) < luma(paper) - 0.35);
			return {...onPage(digit, random, paper, ink), mime: pick(random, ['image/png', 'image/jpeg'] as const), quality: 85};
		},
	},
	{
		name: 'gradient background',
		make(digit, random) {
			const [from, to] = [randomColor(random, color => luma(color) > 0.75), randomColor(random, color => luma(color) > 0.45 && luma(color) < 0.7)];
			const size = whole(random, 90, 180);
			const width = size + 2 * whole(random, 20, 60);
			const angle = between(random, 0, 2 * Math.PI);
			const [ux, uy] = [Math.cos(angle) / (width * Math.SQRT2), Math.sin(angle) / (width * Math.SQRT2)];
			const paper = (x: number, y: number): Rgb => {
				const t = 0.5 + (x - width / 2) * ux + (y - width / 2) * uy;
				return [0, 1, 2].map(c => from[c]! * (1 - t) + to[c]! * t) as Rgb;
			};
			const margin = (width - size) / 2;
			return {width, height: width, data: paint(width, width, paper, digitInk(digit, size), size, margin, margin, [15, 15, 40]), mime: 'image/png'};
		},
	},
	{
		name: 'transparent PNG',
		make(digit, random) {
			const size = whole(random, 60, 160);
			const ink = digitInk(digit, size);
			const data = new Uint8Array(size * size * 4);
			const color = pick(random, [[0, 0, 0], [10, 20, 120], [0, 0, 0]] as const);
			for (let i = 0; i < ink.length; i++) {
				data.set(color, i * 4);
				data[i * 4 + 3] = Math.round(Math.min(1, ink[i]!) * 255);
			}

			return {width: size, height: size, data, mime: 'image/png'};
		},
	},
	{
		name: 'light on dark',
		make(digit, random) {
			const dark = randomColor(random, color => luma(color) < 0.25);
			const light = randomColor(random, color => luma(color) > 0.8);
			return {...onPage(digit, random, dark, light), mime: pick(random, ['image/png', 'image/jpeg'] as const), quality: 80};
		},
	},
	{
		name: 'photo: uneven light, paper grain, specks, table',
		make(digit, random) {
			const [width, height] = [whole(random, 480, 640), whole(random, 360, 480)];
			const size = whole(random, 80, 180);
			const [left, top] = [whole(random, width / 2 - size, width / 2), whole(random, height / 2 - size, height / 2)];
			const paperColor: Rgb = [whole(random, 215, 245), whole(random, 210, 240), whole(random, 190, 225)];
			// Light falls off from one side and toward the corners; a dark table shows around half the pages.
			const [lightX, lightY] = [between(random, -1, 1), between(random, -1, 1)];
			const fall = between(random, 0.15, 0.35);
			const table = random() < 0.5 ? {inset: whole(random, 25, 70), color: [whole(random, 40, 90), whole(random, 30, 60), whole(random, 20, 45)] as Rgb} : undefined;
			const specks = new Set<number>();
			for (let k = 0; k < whole(random, 20, 80); k++) {
				const [sx, sy, r] = [whole(random, 0, width - 1), whole(random, 0, height - 1), whole(random, 0, 1)];
				for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) specks.add((sy + dy) * width + sx + dx);
			}

			const paper = (x: number, y: number): Rgb => {
				const [u, v] = [(2 * x) / width - 1, (2 * y) / height - 1];
				const light = 1 - fall * (0.5 - 0.25 * (u * lightX + v * lightY)) - 0.12 * (u * u + v * v);
				const onTable = table && (x < table.inset || y < table.inset || x >= width - table.inset || y >= height - table.inset);
				const base = onTable ? table.color : specks.has(y * width + x) ? ([90, 85, 80] as Rgb) : paperColor;
				const grain = noise(random, 14);
				return [0, 1, 2].map(c => base[c]! * light + grain) as Rgb;
			};

			const inkColor: Rgb = pick(random, [[35, 35, 45], [25, 35, 110], [60, 60, 60]] as const);
			return {width, height, data: paint(width, height, paper, digitInk(digit, size, between(random, -5, 5)), size, left, top, inkColor), mime: 'image/jpeg', quality: whole(random, 70, 92)};
		},
	},
];

const extensions: Record<Mime, string> = {'image/png': 'png', 'image/jpeg': 'jpg', 'image/bmp': 'bmp', 'image/gif': 'gif', 'image/tiff': 'tif'};

/** Writes one picture as an image file; returns its path. */
export async function writePicture(folder: string, name: string, picture: Picture): Promise<string> {
	const image = new Jimp({width: picture.width, height: picture.height, data: Buffer.from(picture.data)});
	const file = path.join(folder, `${name}.${extensions[picture.mime]}`);
	const bytes = picture.mime === 'image/jpeg' ? await image.getBuffer('image/jpeg', {quality: picture.quality ?? 80}) : await image.getBuffer(picture.mime);
	await fs.writeFile(file, bytes);
	return file;
}

/** One fixture to make: the `index`-th digit of kind `kind`, drawn from `digit` (28×28, ink 0..1). */
export type FixtureTask = {kind: number; index: number; digit: Float32Array; seed: number};
export type FixtureResult = {kind: number; index: number; file: string; pixels?: Float32Array; error?: string};

/** Draws and writes one fixture, then reads it back the way the app does (file → 28×28). */
export async function writeAndRead(folder: string, {kind, index, digit, seed}: FixtureTask): Promise<FixtureResult> {
	// Each file has its own seed, so that the files do not depend on how the work is shared out.
	const random = seededRandom(seed * 100_003 + kind * 1009 + index);
	const file = await writePicture(folder, `${kind}-${index}`, fixtureKinds[kind]!.make(digit, random, index));
	try {
		const pixels = preprocessForModel(await readImageFile(file));
		return pixels ? {kind, index, file, pixels} : {kind, index, file, error: `${path.basename(file)}: no digit found`};
	} catch (error) {
		return {kind, index, file, error: (error as Error).message};
	}
}

/**
 * Makes and reads the fixtures on `workers` threads (jimp's encoders are slow, and the test
 * runner leaves the other core idle). Results come back in the order of `tasks`.
 */
export async function writeAndReadAll(folder: string, tasks: FixtureTask[], workers: number): Promise<FixtureResult[]> {
	const script = new URL('fixture-worker.ts', import.meta.url).href;
	// Worker threads do not inherit the TypeScript loader: the entry registers it, then loads the script.
	const entry = `import {register} from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); await import(${JSON.stringify(script)});`;
	const shares = Array.from({length: workers}, (_, w) => tasks.filter((_, i) => i % workers === w));
	const results = await Promise.all(
		shares.map(
			share =>
				new Promise<FixtureResult[]>((resolve, reject) => {
					const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(entry)}`), {workerData: {folder, tasks: share}});
					worker.once('message', resolve);
					worker.once('error', reject);
				}),
		),
	);
	const byTask = new Map(results.flat().map(result => [`${result.kind}-${result.index}`, result]));
	return tasks.map(task => byTask.get(`${task.kind}-${task.index}`)!);
}

/** Where each digit of a number picture was painted: its `size`×`size` square, in the picture's pixels. */
export type PaintedDigit = {left: number; top: number; size: number};

/**
 * A number as one picture: MNIST digits (28×28, ink 0..1) side by side, dark on white, each
 * scaled to `size` px with `gap` px of paper between their squares, so no two touch.
 */
export function numberPicture(digits: Float32Array[], {size = 84, gap = 24, margin = 20, ink = [20, 20, 25] as Rgb} = {}): Picture & {painted: PaintedDigit[]} {
	const width = 2 * margin + digits.length * size + (digits.length - 1) * gap;
	const height = 2 * margin + size;
	const alpha = new Float32Array(width * height);
	const painted = digits.map((digit, index) => {
		const [left, top] = [margin + index * (size + gap), margin];
		const scaled = digitInk(digit, size);
		for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) alpha[(top + y) * width + left + x] = scaled[y * size + x]!;
		return {left, top, size};
	});
	return {width, height, data: paint(width, height, () => [252, 252, 250], alpha, width, 0, 0, ink), mime: 'image/png', painted};
}

/** A PNG chunk: length, type, data, and the CRC of type and data (for hand-made and damaged PNGs). */
export function pngChunk(type: string, data: Uint8Array): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(zlib.crc32(body));
	return Buffer.concat([length, body, crc]);
}
