// Teaching a writer's style: a simulated writer (test/writer-style.ts) hands in 20 samples of
// each digit; the shipped model is taught them (`digits train --from best --samples DIR`) and
// both models read 200 other digits of each kind by the same writer, and MNIST's digits.
// `from: 'validation'` makes the writer's digits (and the MNIST check) from the last 10% of the
// training images, which `best` held out: settings are chosen on those; the test-built run is
// scored once per finished change.
// Standalone: `node --import tsx bench/teach.ts [--from test|validation] [--model NAME] [--seed N]`
// (the teaching seed, 42 by default: it also picks which samples are held out; compare
// recipes over a few).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {loadMnist} from '../source/data/mnist.js';
import {readSamples, saveSample} from '../source/image/samples.js';
import {preprocessForModel} from '../source/image/preprocess.js';
import {topClasses} from '../source/model/inference.js';
import {ModelServiceProcess, type ModelService} from '../source/model/service.js';
import {readMeta, resolveModel} from '../source/model/store.js';
import {teachDefaults} from '../source/model/presets.js';
import type {TeachScore, TrainEvent} from '../source/model/types.js';
import {seededRandom} from '../source/random.js';
import {imagePixels} from '../source/digit-size.js';
import {restyle} from '../test/writer-style.js';
import {flag} from './user-inputs.js';

const HELD_OUT_SHARE = 0.1;

export type TeachResult = {
	samples: TeachScore;
	/** The writer's other digits, read by the model before and after. */
	writer: {count: number; before: number; after: number};
	/** MNIST digits (the test set, or the held-out training images), before and after. */
	mnist: {count: number; before: number; after: number};
	seconds: number;
};

type Digits = {images: Uint8Array; labels: Uint8Array; indices: number[]};

/** The digits the writer's pages are made from: MNIST's test images, or the training images `best` held out. */
async function writerDigits(from: 'test' | 'validation'): Promise<Digits> {
	const split = await loadMnist(from === 'test' ? 'test' : 'train');
	const first = from === 'test' ? 0 : split.count - Math.floor(split.count * HELD_OUT_SHARE);
	return {images: split.images, labels: split.labels, indices: Array.from({length: split.count - first}, (_, i) => first + i)};
}

/** Up to `perDigit` indices of each digit from `indices`, in order, and the indices left over. */
function takePerDigit(digits: Digits, indices: number[], perDigit: number): {taken: number[]; rest: number[]} {
	const counts = new Array<number>(10).fill(0);
	const taken: number[] = [];
	const rest: number[] = [];
	for (const index of indices) {
		const label = digits.labels[index]!;
		if (counts[label]! < perDigit) {
			counts[label]!++;
			taken.push(index);
		} else {
			rest.push(index);
		}
	}
	return {taken, rest};
}

const digitAt = (digits: Digits, index: number) => Float32Array.from(digits.images.subarray(index * imagePixels, (index + 1) * imagePixels), value => value / 255);

async function accuracy(service: ModelService, model: string, images: Float32Array, labels: Uint8Array): Promise<number> {
	const {predicted} = topClasses(await service.predict(images, model));
	return labels.reduce((sum, label, i) => sum + (predicted[i] === label ? 1 : 0), 0) / labels.length;
}

/** Teaches `model` (the shipped `best` by default) the simulated writer and measures it; the taught model goes into DIGITS_HOME. */
export async function measureTeaching(service: ModelService, {from = 'test', model = 'best', teach = 20, check = 200, epochs = teachDefaults.epochs, seed = 42}: {from?: 'test' | 'validation'; model?: string; teach?: number; check?: number; epochs?: number; seed?: number} = {}): Promise<TeachResult> {
	const digits = await writerDigits(from);
	const random = seededRandom(11);
	const {taken: taught, rest} = takePerDigit(digits, digits.indices, teach);
	const {taken: checked, rest: others} = takePerDigit(digits, rest, check);
	const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'digits-writer-'));
	try {
		for (const index of taught) await saveSample(folder, digits.labels[index]!, restyle(digitAt(digits, index), digits.labels[index]!, random));
		const writerImages = new Float32Array(checked.length * imagePixels);
		checked.forEach((index, i) => writerImages.set(preprocessForModel(restyle(digitAt(digits, index), digits.labels[index]!, random))!, i * imagePixels));
		const writerLabels = Uint8Array.from(checked, index => digits.labels[index]!);
		// MNIST as it is: the whole test set, or the held-out training images not used for the writer.
		const mnist = from === 'test' ? digits.indices : others;
		const mnistImages = new Float32Array(mnist.length * imagePixels);
		mnist.forEach((index, i) => mnistImages.set(digitAt(digits, index), i * imagePixels));
		const mnistLabels = Uint8Array.from(mnist, index => digits.labels[index]!);

		const started = performance.now();
		const name = `${model}-taught-bench`;
		const options = {preset: readMeta(resolveModel(model).dir).preset, ...teachDefaults, epochs, validationSplit: 0, seed, model: name, force: true, from: model, samples: await readSamples(folder)};
		let done: Extract<TrainEvent, {type: 'done'}> | undefined;
		for await (const event of service.train(options)) {
			if (event.type === 'done') done = event;
			if (event.type === 'error') throw new Error(event.message);
		}
		if (!done?.samples) throw new Error('the teaching run did not finish');
		return {
			samples: done.samples,
			writer: {count: writerLabels.length, before: await accuracy(service, model, writerImages, writerLabels), after: await accuracy(service, name, writerImages, writerLabels)},
			mnist: {count: mnistLabels.length, before: await accuracy(service, model, mnistImages, mnistLabels), after: await accuracy(service, name, mnistImages, mnistLabels)},
			seconds: (performance.now() - started) / 1000,
		};
	} finally {
		await fs.rm(folder, {recursive: true, force: true});
	}
}

/** The result as a markdown table. */
export function teachTable(result: TeachResult, from: 'test' | 'validation'): string {
	const percent = (value: number) => `${(value * 100).toFixed(2)}%`;
	const row = (what: string, {count, before, after}: {count: number; before: number; after: number}) => `| ${what} | ${count} | ${percent(before)} | ${percent(after)} |`;
	return [
		`| digits read (${from}-built) | images | before | after |`,
		'|---|---:|---:|---:|',
		row("the writer's samples held out", {...result.samples, count: result.samples.heldOut}),
		row("the writer's other digits", result.writer),
		row(from === 'test' ? 'MNIST test set' : 'MNIST held-out training images', result.mnist),
	].join('\n');
}

if (import.meta.filename === path.resolve(process.argv[1] ?? '')) {
	const from = flag('--from') ?? 'test';
	if (from !== 'test' && from !== 'validation') {
		console.error('usage: node --import tsx bench/teach.ts [--from test|validation] [--model NAME] [--seed N]');
		process.exit(2);
	}
	process.env['DIGITS_HOME'] ??= await fs.mkdtemp(path.join(os.tmpdir(), 'digits-teach-'));
	const service = new ModelServiceProcess();
	try {
		const result = await measureTeaching(service, {from, model: flag('--model') ?? 'best', seed: Number(flag('--seed') ?? 42)});
		console.log(`${teachTable(result, from)}\n\nteaching took ${result.seconds.toFixed(0)} s`);
	} finally {
		service.close();
	}
}
