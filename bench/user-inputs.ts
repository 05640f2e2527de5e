// Digits that look like user input rather than MNIST: MNIST test digits redrawn thicker,
// thinner, slanted and small off-centre, handed in as PNG files, and keyboard sketches drawn
// with the sketch pad's own brush. Each goes through the app's one pipeline
// (file → readImageFile → preprocessForModel, or canvas → preprocessForModel), so the
// accuracies say how models fare on what users give them, e.g. with and without augmentation.
// Standalone: `node --import tsx bench/user-inputs.ts MODEL [MODEL...] [--per-kind N] [--seed N] [--keep DIR]`.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {loadMnist} from '../source/data/mnist.js';
import {type GrayImage, readImageFile, writeGrayPng} from '../source/image/load.js';
import {preprocessForModel} from '../source/image/preprocess.js';
import {topClasses} from '../source/model/inference.js';
import {seededRandom, shuffledIndices} from '../source/random.js';
import {ModelServiceProcess, type ModelService} from '../source/model/service.js';
import {blankCanvas, brushRadii, defaultBrush, lineInto, pixelCenter} from '../source/sketch/canvas.js';
import {digitInk} from '../test/digit-fixtures.js';
import {digitStrokes} from '../test/sketch-strokes.js';
import {imageSide} from '../source/digit-size.js';

const PIXELS = 28 * 28;
// Digits are redrawn at this many times MNIST's size, so that thickening and thinning are not blocky.
const SCALE = 4;

export type UserInputSet = {kind: string; images: Float32Array; labels: Uint8Array};
export type KindAccuracy = {kind: string; count: number; accuracy: number};

const between = (random: () => number, low: number, high: number) => low + random() * (high - low);

/** Grows (`Math.max`) or shrinks (`Math.min`) the ink by a disc of `radius` pixels. */
export function morph(ink: GrayImage, radius: number, pick: (a: number, b: number) => number): GrayImage {
	const {width, height} = ink;
	const reach = Math.ceil(radius);
	const data = new Float32Array(width * height);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			let value = ink.data[y * width + x]!;
			for (let dy = -reach; dy <= reach; dy++) {
				for (let dx = -reach; dx <= reach; dx++) {
					const [u, v] = [x + dx, y + dy];
					if (dx * dx + dy * dy <= radius * radius && u >= 0 && u < width && v >= 0 && v < height) value = pick(value, ink.data[v * width + u]!);
				}
			}
			data[y * width + x] = value;
		}
	}
	return {width, height, data};
}

/** Leans the ink by `degrees` (positive: the top to the right, like italic handwriting), widening the picture to fit. */
function slant(ink: GrayImage, degrees: number): GrayImage {
	const slope = Math.tan((degrees * Math.PI) / 180);
	const spread = Math.ceil(Math.abs(slope) * ink.height);
	const width = ink.width + spread;
	const data = new Float32Array(width * ink.height);
	for (let y = 0; y < ink.height; y++) {
		// Rows shift sideways by a fraction of a pixel: one-dimensional linear interpolation.
		const shift = slope * (ink.height / 2 - y) + spread / 2;
		for (let x = 0; x < width; x++) {
			const source = x - shift;
			const left = Math.floor(source);
			const weight = source - left;
			const at = (u: number) => (u >= 0 && u < ink.width ? ink.data[y * ink.width + u]! : 0);
			data[y * width + x] = at(left) * (1 - weight) + at(left + 1) * weight;
		}
	}
	return {width, height: ink.height, data};
}

/** Dark ink on white paper, `width` × `height`, the ink's top-left corner at (left, top). */
function onPaper(ink: GrayImage, width: number, height: number, left: number, top: number): GrayImage {
	const data = new Float32Array(width * height).fill(1);
	for (let y = 0; y < ink.height; y++) {
		for (let x = 0; x < ink.width; x++) data[(top + y) * width + left + x] = 1 - Math.min(1, ink.data[y * ink.width + x]!);
	}
	return {width, height, data};
}

/** The ink with a white margin all round: a digit on a page. */
export const onPage = (ink: GrayImage, margin: number) => onPaper(ink, ink.width + 2 * margin, ink.height + 2 * margin, margin, margin);

const enlarged = (digit: Float32Array, size = 28 * SCALE): GrayImage => ({width: size, height: size, data: digitInk(digit, size)});

/** The kinds written as image files: each draws a page from a digit (28×28, ink 0..1) and a random source. */
const pictureKinds: Array<{kind: string; draw: (digit: Float32Array, random: () => number) => GrayImage}> = [
	{kind: 'plain', draw: digit => onPage(enlarged(digit), 16)},
	// A marker: strokes 2–3.5 MNIST pixels wider.
	{kind: 'thick', draw: (digit, random) => onPage(morph(enlarged(digit), between(random, 1, 1.75) * SCALE, Math.max), 24)},
	// A fine pen: about 1.5 MNIST pixels taken off the strokes, which keeps them (MNIST's are 2–3 wide).
	{kind: 'thin', draw: (digit, random) => onPage(morph(enlarged(digit), between(random, 0.6, 0.8) * SCALE, Math.min), 16)},
	{kind: 'slanted', draw: (digit, random) => onPage(slant(enlarged(digit), (random() < 0.5 ? -1 : 1) * between(random, 15, 25)), 16)},
	{
		kind: 'off-center',
		draw(digit, random) {
			const [width, height] = [200, 150];
			const size = Math.round(between(random, 0.4, 0.6) * height);
			// Near one of the corners: within 15% of the free space from two edges.
			const nearEdge = (free: number) => Math.round(between(random, 0, 0.15) * free);
			const [freeX, freeY] = [width - size, height - size];
			const left = random() < 0.5 ? nearEdge(freeX) : freeX - nearEdge(freeX);
			const top = random() < 0.5 ? nearEdge(freeY) : freeY - nearEdge(freeY);
			return onPaper(enlarged(digit, size), width, height, left, top);
		},
	},
];

/**
 * A keyboard sketch of `digit` with the sketch pad's brush: the stroke script scaled and moved
 * on the pad, each point off by up to a pixel, in one of the brush sizes around the default.
 */
function sketch(digit: number, random: () => number): Float32Array {
	const pixels = blankCanvas();
	const radius = brushRadii[defaultBrush - 1 + Math.floor(random() * 3)]!;
	const scale = between(random, 0.75, 1.1);
	const [shiftX, shiftY] = [Math.round(between(random, -3, 3)), Math.round(between(random, -3, 3))];
	// The cursor moves on whole pixels and stays on the pad.
	const place = (value: number, shift: number) => Math.min(imageSide - 1, Math.max(0, Math.round(13.5 + (value - 13.5) * scale + shift + between(random, -1, 1))));
	for (const stroke of digitStrokes[digit]!) {
		const points = stroke.map(([x, y]) => pixelCenter(place(x, shiftX), place(y, shiftY)));
		for (let i = 1; i < points.length; i++) lineInto(pixels, points[i - 1]!, points[i]!, radius, 'paint');
	}
	return pixels;
}

/**
 * `perKind` inputs of each kind, 28×28 floats as the model sees them, drawn from MNIST test
 * digits picked by `seed` (each kind its own digits). The picture files go to `folder` and
 * stay there (sketches too, saved as the sketch pad saves them); by default to a temporary
 * folder that is removed. A file the app cannot read stays blank, and counts as the model reads it.
 */
export async function userInputSets({perKind = 200, seed = 1, folder}: {perKind?: number; seed?: number; folder?: string} = {}): Promise<UserInputSet[]> {
	const test = await loadMnist('test');
	const kinds = [...pictureKinds.map(({kind}) => kind), 'sketch'];
	if (!Number.isInteger(perKind) || perKind < 1) throw new RangeError(`The number of inputs of each kind must be a whole number of at least 1, not ${perKind}.`);
	if (perKind * kinds.length > test.count) throw new RangeError(`At most ${Math.floor(test.count / kinds.length)} inputs of each kind: MNIST has ${test.count} test digits.`);
	const order = shuffledIndices(test.count, seededRandom(seed));
	const target = folder ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'digits-user-inputs-')));
	await fs.mkdir(target, {recursive: true});
	try {
		const sets: UserInputSet[] = [];
		for (const [k, kind] of kinds.entries()) {
			const images = new Float32Array(perKind * PIXELS);
			const labels = new Uint8Array(perKind);
			for (let i = 0; i < perKind; i++) {
				const index = order[k * perKind + i]!;
				labels[i] = test.labels[index]!;
				// Each input has its own random source, so it does not depend on how many come before it;
				// the seeds are spread apart, as mulberry32's first draws from neighbouring seeds are alike.
				const random = seededRandom(Math.imul(seed * 100_003 + k * 1009 + i, 0x9e3779b9));
				const file = path.join(target, `${kind}-${i}-${labels[i]}.png`);
				let seen: Float32Array | null;
				if (kind === 'sketch') {
					const pixels = sketch(labels[i]!, random);
					seen = preprocessForModel({width: imageSide, height: imageSide, data: pixels});
					if (folder) await writeGrayPng(file, {width: imageSide, height: imageSide, data: pixels});
				} else {
					const digit = Float32Array.from(test.images.subarray(index * PIXELS, (index + 1) * PIXELS), value => value / 255);
					await writeGrayPng(file, pictureKinds[k]!.draw(digit, random));
					seen = preprocessForModel(await readImageFile(file));
				}
				if (seen) images.set(seen, i * PIXELS);
			}
			sets.push({kind, images, labels});
		}
		return sets;
	} finally {
		if (!folder) await fs.rm(target, {recursive: true, force: true});
	}
}

/** Each set's accuracy with the model `modelName`: one prediction call per set. */
export async function userInputAccuracy(service: ModelService, modelName: string, sets: UserInputSet[]): Promise<KindAccuracy[]> {
	const results: KindAccuracy[] = [];
	for (const {kind, images, labels} of sets) {
		const {predicted} = topClasses(await service.predict(images, modelName));
		const right = labels.reduce((sum, label, i) => sum + (predicted[i] === label ? 1 : 0), 0);
		results.push({kind, count: labels.length, accuracy: right / labels.length});
	}
	return results;
}

/** A markdown table: one row per kind and an "all" row, one column per model. */
export function userInputTable(models: string[], results: KindAccuracy[][]): string {
	const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
	const rows = results[0]!.map(({kind, count}, row) => `| ${kind} | ${count} | ${results.map(columns => percent(columns[row]!.accuracy)).join(' | ')} |`);
	const total = results[0]!.reduce((sum, {count}) => sum + count, 0);
	const all = results.map(columns => percent(columns.reduce((sum, {count, accuracy}) => sum + count * accuracy, 0) / total));
	return [`| kind | inputs | ${models.join(' | ')} |`, `|---|---:|${models.map(() => '---:').join('|')}|`, ...rows, `| all | ${total} | ${all.join(' | ')} |`].join('\n');
}

/** The value after `--name` on the command line of a standalone run. */
export function flag(name: string): string | undefined {
	const index = process.argv.indexOf(name);
	return index === -1 ? undefined : process.argv[index + 1];
}

/** A standalone run's output: each model's accuracy on the sets, as a table. */
export async function printAccuracies(models: string[], sets: UserInputSet[]): Promise<void> {
	const service = new ModelServiceProcess();
	try {
		const results = [];
		for (const model of models) results.push(await userInputAccuracy(service, model, sets));
		console.log(userInputTable(models, results));
	} catch (error) {
		console.error((error as Error).message);
		process.exitCode = 1;
	} finally {
		service.close();
	}
}

if (import.meta.filename === path.resolve(process.argv[1] ?? '')) {
	const valued = new Set(['--per-kind', '--seed', '--keep']);
	const models = process.argv.slice(2).filter((argument, i, all) => !argument.startsWith('--') && !valued.has(all[i - 1]!));
	if (models.length === 0) {
		console.error('usage: node --import tsx bench/user-inputs.ts MODEL [MODEL...] [--per-kind N] [--seed N] [--keep DIR]');
		process.exit(2);
	}
	const started = performance.now();
	const sets = await userInputSets({perKind: Number(flag('--per-kind') ?? 200), seed: Number(flag('--seed') ?? 1), folder: flag('--keep')});
	console.error(`${sets.length} kinds of ${sets[0]!.labels.length} inputs made and read in ${((performance.now() - started) / 1000).toFixed(1)} s`);
	await printAccuracies(models, sets);
}
