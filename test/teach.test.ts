// Teaching a model a person's handwriting: the simulated writer, the samples folder, the
// held-out split, `digits samples` and `digits train --from` with bad folders (through the
// built bin), and a short fixed-seed run that must raise the model's accuracy on the writer.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {loadMnist} from '../source/data/mnist.js';
import {inkBounds, preprocessForModel} from '../source/image/preprocess.js';
import {readSamples, removeSamples, sampleCounts, sampleFiles, saveSample} from '../source/image/samples.js';
import {topClasses} from '../source/model/inference.js';
import {ModelServiceProcess} from '../source/model/service.js';
import {splitSamples, teachRecipe} from '../source/model/teach.js';
import type {TrainEvent} from '../source/model/types.js';
import {seededRandom} from '../source/random.js';
import {imagePixels} from '../source/digit-size.js';
import {runCli, temporaryHome} from './helpers.js';
import {restyle} from './writer-style.js';

const home = temporaryHome();
const test10 = await loadMnist('test', {limit: 2000});
const digitAt = (index: number) => Float32Array.from(test10.images.subarray(index * imagePixels, (index + 1) * imagePixels), value => value / 255);
/** The first `perDigit` test digits of each digit, from `offset` on. */
function pick(perDigit: number, offset = 0): number[] {
	const counts = new Array<number>(10).fill(0);
	const picked: number[] = [];
	for (let i = offset; picked.length < perDigit * 10; i++) {
		const label = test10.labels[i]!;
		if (counts[label]! < perDigit) {
			counts[label]!++;
			picked.push(i);
		}
	}
	return picked;
}

/** Where the ink's rows sit on average, left to right: its top and bottom thirds. */
function inkColumns(image: {width: number; height: number; data: Float32Array}): {top: number; bottom: number} {
	const box = inkBounds({...image, data: image.data.map(value => 1 - value)})!;
	const mean = (from: number, to: number) => {
		let [sum, weight] = [0, 0];
		for (let y = Math.round(from); y < Math.round(to); y++) {
			for (let x = 0; x < image.width; x++) {
				const ink = 1 - image.data[y * image.width + x]!;
				sum += ink * x;
				weight += ink;
			}
		}
		return sum / weight;
	};
	return {top: mean(box.top, box.top + box.height / 3), bottom: mean(box.top + (2 * box.height) / 3, box.top + box.height)};
}

test('the simulated writer leans back, crosses sevens, and is the same for the same seed', () => {
	const seven = pick(1).find(index => test10.labels[index] === 7)!;
	const a = restyle(digitAt(seven), 7, seededRandom(3));
	const b = restyle(digitAt(seven), 7, seededRandom(3));
	assert.deepEqual(a, b);
	const {top, bottom} = inkColumns(a);
	assert.ok(top < bottom - 10, `the top (${top.toFixed(1)}) is left of the bottom (${bottom.toFixed(1)})`);
	// A crossed seven has more ink than the same seven restyled as another digit without marks (a 2 gets none).
	const ink = (image: {data: Float32Array}) => image.data.reduce((sum, value) => sum + (1 - value), 0);
	assert.ok(ink(a) > ink(restyle(digitAt(seven), 2, seededRandom(3))) * 1.1);
});

test('samples are saved per digit, counted, read through the pipeline, and removed', async () => {
	const dir = path.join(home, 'samples-a');
	assert.deepEqual(sampleCounts(dir), new Array(10).fill(0));
	const random = seededRandom(1);
	for (const index of pick(1)) await saveSample(dir, test10.labels[index]!, restyle(digitAt(index), test10.labels[index]!, random));
	const stamp = new Date('2026-12-05T10:00:00.000Z');
	const first = await saveSample(dir, 3, restyle(digitAt(pick(1)[3]!), 3, random), stamp);
	const second = await saveSample(dir, 3, restyle(digitAt(pick(1)[3]!), 3, random), stamp);
	assert.notEqual(first, second, 'two samples saved in the same millisecond keep both');
	assert.deepEqual(sampleCounts(dir), [1, 1, 1, 3, 1, 1, 1, 1, 1, 1]);
	const read = await readSamples(dir);
	assert.equal(read.labels.length, 12);
	assert.deepEqual([...read.labels], [0, 1, 2, 3, 3, 3, 4, 5, 6, 7, 8, 9]);
	const saved = sampleFiles(dir)[5]![0]!;
	const {readImageFile} = await import('../source/image/load.js');
	assert.deepEqual(read.images.subarray(7 * imagePixels, 8 * imagePixels), preprocessForModel(await readImageFile(saved)));
	assert.equal(removeSamples(dir, 3), 3);
	assert.deepEqual(sampleCounts(dir), [1, 1, 1, 0, 1, 1, 1, 1, 1, 1]);
	assert.equal(removeSamples(dir), 9);
	assert.equal(sampleCounts(dir).reduce((sum, value) => sum + value, 0), 0);
});

test('a bad samples folder gets one sentence naming what is wrong', async () => {
	const dir = path.join(home, 'samples-bad');
	await assert.rejects(readSamples(dir), /does not exist; make it with subfolders 0 to 9/);
	fs.mkdirSync(path.join(dir, '4'), {recursive: true});
	await assert.rejects(readSamples(dir), /holds no samples; teaching needs at least 10/);
	fs.mkdirSync(path.join(dir, 'fours'));
	await assert.rejects(readSamples(dir), /fours is not a digit folder: samples go in subfolders named 0 to 9/);
	fs.rmdirSync(path.join(dir, 'fours'));
	const random = seededRandom(2);
	for (const index of pick(1)) await saveSample(dir, test10.labels[index]!, restyle(digitAt(index), test10.labels[index]!, random));
	fs.writeFileSync(path.join(dir, '4', 'notes.txt'), 'a four');
	await assert.rejects(readSamples(dir), /notes\.txt is not an image file/);
	fs.rmSync(path.join(dir, '4', 'notes.txt'));
	await saveSample(dir, 4, {width: 30, height: 30, data: new Float32Array(900).fill(1)});
	await assert.rejects(readSamples(dir), /has no digit in it; delete it or save the sample again/);
});

test('a quarter of each digit is held out, the same for the same seed, never both held out and taught', () => {
	const labels = Uint8Array.from({length: 200}, (_, i) => i % 10);
	const {taught, heldOut} = splitSamples(labels, 42);
	assert.equal(heldOut.length, 50);
	assert.equal(taught.length + heldOut.length, 200);
	assert.equal(new Set([...taught, ...heldOut]).size, 200);
	for (let digit = 0; digit < 10; digit++) assert.equal([...heldOut].filter(index => labels[index] === digit).length, 5);
	assert.deepEqual(splitSamples(labels, 42), {taught, heldOut});
	assert.notDeepEqual(splitSamples(labels, 7).heldOut, heldOut);
	// A digit with a single sample is taught, not held out.
	assert.equal(splitSamples(Uint8Array.of(1, 2, 2), 1).heldOut.length, 1);
});

test('digits samples lists and removes through the built bin; train --from refuses a bad folder in one sentence', async () => {
	const dir = path.join(home, 'samples-cli');
	const random = seededRandom(4);
	for (const index of pick(1)) await saveSample(dir, test10.labels[index]!, restyle(digitAt(index), test10.labels[index]!, random));
	const listed = await runCli(['samples', '--dir', dir, '--json'], {built: true});
	assert.equal(listed.code, 0);
	assert.deepEqual(JSON.parse(listed.stdout), {folder: dir, total: 10, counts: new Array(10).fill(1)});
	const refused = await runCli(['samples', '--dir', dir, '--remove', '7'], {built: true});
	assert.equal(refused.code, 2);
	assert.match(refused.stderr, /needs --yes when it cannot ask/);
	const removed = await runCli(['samples', '--dir', dir, '--remove', '7', '--yes'], {built: true});
	assert.equal(removed.code, 0);
	assert.match(removed.stdout, /Removed the 1 sample of 7/);
	const few = await runCli(['train', '--from', 'classic', '--samples', dir], {built: true});
	assert.equal(few.code, 1);
	assert.equal(few.stderr.trim().split('\n').length, 1);
	assert.match(few.stderr, /holds only 9 samples; teaching needs at least 10/);
	const missing = await runCli(['train', '--from', 'classic', '--samples', path.join(home, 'nowhere')], {built: true});
	assert.equal(missing.code, 1);
	assert.match(missing.stderr, /nowhere does not exist/);
	const alone = await runCli(['train', '--samples', dir], {built: true});
	assert.equal(alone.code, 2);
	assert.match(alone.stderr, /--samples needs --from MODEL/);
});

test('a short fixed-seed teaching run raises the model on the writer by at least 15 points', async () => {
	const dir = path.join(home, 'samples-teach');
	const random = seededRandom(5);
	for (const index of pick(8)) await saveSample(dir, test10.labels[index]!, restyle(digitAt(index), test10.labels[index]!, random));
	const checked = pick(10, 1000);
	const images = new Float32Array(checked.length * imagePixels);
	checked.forEach((index, i) => images.set(preprocessForModel(restyle(digitAt(index), test10.labels[index]!, random))!, i * imagePixels));
	const labels = Uint8Array.from(checked, index => test10.labels[index]!);
	const service = new ModelServiceProcess();
	try {
		const accuracy = async (model: string) => {
			const {predicted} = topClasses(await service.predict(images, model));
			return labels.reduce((sum, label, i) => sum + (predicted[i] === label ? 1 : 0), 0) / labels.length;
		};
		const options = {preset: 'classic' as const, epochs: 2, batchSize: 64, learningRate: 0.0005, validationSplit: 0, seed: 42, augment: true, limit: 2000, model: 'taught', from: 'classic', samples: await readSamples(dir)};
		const events: TrainEvent[] = [];
		for await (const event of service.train(options)) events.push(event);
		const start = events.find(event => event.type === 'start');
		assert.deepEqual(start?.type === 'start' && [start.from, start.samples], ['classic', {folder: dir, count: 80}]);
		assert.ok(start?.type === 'start' && !('samples' in start.options), 'the start event carries no sample pixels');
		const done = events.find(event => event.type === 'done');
		assert.ok(done?.type === 'done' && done.samples, 'the done event carries the score on the held-out samples');
		assert.equal(done.samples.heldOut, 20);
		const meta = JSON.parse(fs.readFileSync(path.join(done.path, 'meta.json'), 'utf8')) as {from: string; samples: {folder: string; count: number; before: number; after: number}; teaching: unknown};
		assert.deepEqual(meta.from, 'classic');
		assert.deepEqual(meta.teaching, teachRecipe(), 'meta.json records the recipe beyond the train options');
		assert.deepEqual(meta.samples, {folder: dir, count: 80, heldOut: 20, before: done.samples.before, after: done.samples.after});
		const [before, after] = [await accuracy('classic'), await accuracy('taught')];
		assert.ok(after - before >= 0.15, `the writer's digits read ${(before * 100).toFixed(1)}% before and ${(after * 100).toFixed(1)}% after`);
	} finally {
		service.close();
	}
});
