// How well whole numbers are read (source/image/number.ts): numbers of the three kinds of
// bench/number-kinds.ts read exactly right, every single MNIST digit drawn in several pieces
// that is not read as exactly one digit, and how long a 6-digit number takes on a 1000×300 page.
// `--from validation` draws everything from the training images `best` held out: tune on
// those; the test-built numbers are scored once per finished change.
// Standalone: `node --import tsx bench/numbers.ts [--from test|validation] [--per-kind N] [--model NAME] [--seed N]`.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {connectedComponents} from '../source/image/components.js';
import {findInk} from '../source/image/ink.js';
import {type GrayImage, readImageFile, writeGrayPng} from '../source/image/load.js';
import {type Classify, type NumberReading, readNumber} from '../source/image/number.js';
import {predictions} from '../source/model/inference.js';
import {ModelServiceProcess, type ModelService} from '../source/model/service.js';
import {seededRandom} from '../source/random.js';
import {median} from './graph-vs-pytorch.js';
import {type DigitSource, type NumberKind, numberKinds, numberSample, scaledDigit} from './number-kinds.js';
import {sourceDigits} from './soft-inputs.js';
import {flag} from './user-inputs.js';

const targets: Record<NumberKind, number> = {separated: 0.97, close: 0.9, touching: 0.75};
// Pictures read together: each keeps its one model call, and the calls of a chunk go to the model as one batch.
const CHUNK = 64;
// Single digits are drawn this tall on a white page when looking for ones in several pieces.
const PIECES_HEIGHT = 80;
const PIECES_MARGIN = 16;

type Predict = (images: Float32Array) => Promise<Float32Array>;

/**
 * Reads many pictures, each through `readNumber` with its own one call of `classify`, but
 * `CHUNK` pictures' calls gathered into one model call (the machine is shared: fewer, larger
 * batches). `readNumber` asks the model before its first pause, so once every read of a chunk
 * has started, every call of that chunk is waiting; a later call (none today) goes alone.
 */
export async function readMany(images: GrayImage[], predict: Predict): Promise<Array<NumberReading | null>> {
	const readings: Array<NumberReading | null> = [];
	for (let start = 0; start < images.length; start += CHUNK) {
		const waiting: Array<{inputs: Float32Array; resolve: (answers: ReturnType<typeof predictions>) => void}> = [];
		let flushed = false;
		const classify: Classify = async inputs => (flushed ? predictions(await predict(inputs)) : new Promise(resolve => waiting.push({inputs, resolve})));
		const reads = images.slice(start, start + CHUNK).map(image => readNumber(image, classify));
		flushed = true;
		if (waiting.length > 0) {
			const batch = new Float32Array(waiting.reduce((sum, {inputs}) => sum + inputs.length, 0));
			let offset = 0;
			for (const {inputs} of waiting) {
				batch.set(inputs, offset);
				offset += inputs.length;
			}

			const answers = predictions(await predict(batch));
			let first = 0;
			for (const {inputs, resolve} of waiting) {
				resolve(answers.slice(first, first + inputs.length / 784));
				first += inputs.length / 784;
			}
		}

		readings.push(...(await Promise.all(reads)));
	}

	return readings;
}

export type KindScore = {kind: NumberKind; numbers: number; exact: number};

/** `perKind` numbers of each kind, each drawn from its own seed, read exactly right or not. */
export async function scoreKinds(source: DigitSource, predict: Predict, {perKind, seed}: {perKind: number; seed: number}): Promise<KindScore[]> {
	const scores: KindScore[] = [];
	for (const [k, kind] of numberKinds.entries()) {
		const samples = Array.from({length: perKind}, (_, i) => numberSample(source, kind, seededRandom(Math.imul(seed * 100_003 + k * 1009 + i, 0x9e3779b9))));
		const readings = await readMany(samples.map(sample => sample.image), predict);
		const exact = readings.filter((reading, i) => reading?.number === samples[i]!.number).length;
		scores.push({kind, numbers: perKind, exact});
	}

	return scores;
}

/** Digit `index` of the source alone, `PIECES_HEIGHT` px tall, dark on a white page. */
export function singleDigitPage(source: DigitSource, index: number): GrayImage {
	const ink = scaledDigit(source, index, PIECES_HEIGHT);
	const width = ink.width + 2 * PIECES_MARGIN;
	const data = new Float32Array(width * (ink.height + 2 * PIECES_MARGIN)).fill(1);
	for (let y = 0; y < ink.height; y++) for (let x = 0; x < ink.width; x++) data[(y + PIECES_MARGIN) * width + x + PIECES_MARGIN] = 1 - Math.min(1, ink.data[y * ink.width + x]!);
	return {width, height: data.length / width, data};
}

/** How many connected groups the app's ink (findInk) of a picture falls into. */
export function inkPieces(image: GrayImage): number {
	const ink = findInk(image);
	if (!ink) return 0;
	return connectedComponents(Uint8Array.from(ink.image.data, value => (value > 0 ? 1 : 0)), ink.image.width, ink.image.height).components.length;
}

/** The source's digits whose ink falls into two or more pieces, and those of them not read as exactly one digit (indices into the MNIST split). */
export async function multiPieceDigits(source: DigitSource, predict: Predict): Promise<{pieces: number[]; split: number[]}> {
	const pieces: number[] = [];
	for (let index = source.first; index < source.first + source.count; index++) if (inkPieces(singleDigitPage(source, index)) >= 2) pieces.push(index);
	const readings = await readMany(pieces.map(index => singleDigitPage(source, index)), predict);
	return {pieces, split: pieces.filter((_, i) => readings[i]?.digits.length !== 1)};
}

/** Reading a 6-digit number on a 1000×300 PNG, after decoding: min and median of `reads` reads, in ms. */
export async function timeSixDigits(source: DigitSource, predict: Predict, reads: number): Promise<{min: number; median: number}> {
	const random = seededRandom(6);
	// Digits 120 px tall on white paper, drawn again until the line fits the page.
	let sample = numberSample(source, 'separated', random, {length: 6, height: 120, photo: false});
	while (sample.image.width > 1000 || sample.image.height > 300) sample = numberSample(source, 'separated', random, {length: 6, height: 120, photo: false});
	const page = new Float32Array(1000 * 300).fill(sample.image.data[0]!);
	const [left, top] = [Math.floor((1000 - sample.image.width) / 2), Math.floor((300 - sample.image.height) / 2)];
	for (let y = 0; y < sample.image.height; y++) page.set(sample.image.data.subarray(y * sample.image.width, (y + 1) * sample.image.width), (top + y) * 1000 + left);
	const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'digits-numbers-'));
	try {
		const file = path.join(folder, 'six.png');
		await writeGrayPng(file, {width: 1000, height: 300, data: page});
		const image = await readImageFile(file);
		const classify: Classify = async inputs => predictions(await predict(inputs));
		await readNumber(image, classify);
		const times: number[] = [];
		for (let i = 0; i < reads; i++) {
			const started = performance.now();
			await readNumber(image, classify);
			times.push(performance.now() - started);
		}

		return {min: Math.min(...times), median: median(times)};
	} finally {
		await fs.rm(folder, {recursive: true, force: true});
	}
}

/** The kinds as a markdown table. */
export function kindTable(scores: KindScore[]): string {
	const rows = scores.map(({kind, numbers, exact}) => {
		const share = exact / numbers;
		return `| ${kind} | ${numbers} | ${exact} | ${(share * 100).toFixed(1)}% | ≥ ${targets[kind] * 100}% | ${share >= targets[kind] ? 'PASS' : 'FAIL'} |`;
	});
	return ['| kind | numbers | read exactly | share | target | |', '|---|---:|---:|---:|---:|---|', ...rows].join('\n');
}

/** Everything above, as the text `npm run bench` and a standalone run print. */
export async function measureNumbers(service: ModelService, {from, perKind, seed = 1, model, timingReads = 20, pieces = true}: {from: 'test' | 'validation'; perKind: number; seed?: number; model?: string; timingReads?: number; pieces?: boolean}): Promise<string> {
	const source = await sourceDigits(from);
	const predict: Predict = images => service.predict(images, model);
	const started = performance.now();
	const lines = [`Numbers read exactly right (${perKind} per kind, from MNIST ${from === 'test' ? 'test digits' : 'validation digits'}, ${model ?? 'the default model'}):`, '', kindTable(await scoreKinds(source, predict, {perKind, seed}))];
	if (pieces) {
		const {pieces: several, split} = await multiPieceDigits(source, predict);
		lines.push('', `Single ${from} digits (${PIECES_HEIGHT} px tall) whose ink is in 2 or more pieces: ${several.length}; not read as exactly one digit: ${split.length} (target 0)${split.length > 0 ? `: ${split.join(', ')}` : ''}`);
	}

	const timing = await timeSixDigits(source, predict, timingReads);
	lines.push('', `A 6-digit number on a 1000×300 PNG, after decoding: min ${timing.min.toFixed(1)} ms, median ${timing.median.toFixed(1)} ms of ${timingReads} reads (target ≤ 50 ms)`);
	lines.push('', `(${((performance.now() - started) / 1000).toFixed(0)} s)`);
	return lines.join('\n');
}

if (import.meta.filename === path.resolve(process.argv[1] ?? '')) {
	const from = flag('--from') ?? 'test';
	if (from !== 'test' && from !== 'validation') {
		console.error('usage: node --import tsx bench/numbers.ts [--from test|validation] [--per-kind N] [--model NAME] [--seed N] [--no-pieces]');
		process.exit(2);
	}

	const service = new ModelServiceProcess();
	try {
		const model = flag('--model');
		if (model) await service.load(model);
		console.log(await measureNumbers(service, {from, perKind: Number(flag('--per-kind') ?? 1000), seed: Number(flag('--seed') ?? 1), model, pieces: !process.argv.includes('--no-pieces')}));
	} finally {
		service.close();
	}
}
