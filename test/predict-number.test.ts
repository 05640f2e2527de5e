// `digits predict --number` through the built bin: pictures of 2–4 MNIST test digits side by
// side (well apart, so the reading does not hang on how digits are split), as text and JSON.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {predictCommand} from '../source/commands/predict.js';
import {loadMnist} from '../source/data/mnist.js';
import {writeGrayPng} from '../source/image/load.js';
import {numberPicture, writePicture, type PaintedDigit} from './digit-fixtures.js';
import {ModelServiceProcess, type ModelService} from '../source/model/service.js';
import {runCli, temporaryHome} from './helpers.js';

const home = temporaryHome();

type NumberFile = {file: string; number: string; painted: PaintedDigit[]};
type Box = {x: number; y: number; width: number; height: number};
type Entry = {
	file: string;
	number: string;
	confidence: number;
	digits: Array<{digit: number; confidence: number; probabilities: number[]; box: Box}>;
	separators: unknown[];
	lowConfidence?: true;
	error?: string;
};

// MNIST test digits by index (their labels: 7 2 1 0 4 1 4 9 5 9): a leading zero stays.
const numbers = {'seventy-two': [0, 1], 'oh-one-nine': [3, 2, 7], 'twenty-fourteen': [1, 3, 2, 4]};
const files: NumberFile[] = [];
let blank: string;
let broken: string;

before(async () => {
	const mnist = await loadMnist('test', {limit: 10});
	const digit = (index: number) => Float32Array.from(mnist.images.subarray(index * 784, (index + 1) * 784), value => value / 255);
	for (const [name, indices] of Object.entries(numbers)) {
		const picture = numberPicture(indices.map(digit));
		files.push({file: await writePicture(home, name, picture), number: indices.map(index => mnist.labels[index]).join(''), painted: picture.painted});
	}
	blank = path.join(home, 'blank.png');
	await writeGrayPng(blank, {width: 120, height: 60, data: new Float32Array(120 * 60).fill(1)});
	broken = path.join(home, 'broken.png');
	fs.writeFileSync(broken, 'this is not a picture\n');
});

after(() => fs.rmSync(home, {recursive: true, force: true}));

describe('digits predict --number', () => {
	test('prints file, number and confidence per line, numbers of 2, 3 and 4 digits with a leading zero kept', async () => {
		const result = await runCli(['predict', '--number', ...files.map(each => each.file)], {built: true});
		assert.equal(result.code, 0, result.stderr);
		assert.equal(result.stderr, '');
		const lines = result.stdout.trimEnd().split('\n');
		assert.equal(lines.length, files.length);
		lines.forEach((line, i) => {
			const [file, number, confidence] = line.split('\t');
			assert.equal(file, files[i]!.file);
			assert.equal(number, files[i]!.number);
			assert.match(confidence!, /^\d{1,3}\.\d%$/);
		});
		assert.equal(files[1]!.number, '019');
	});

	test('--json: one entry per file in order, each digit with its probabilities and its box where it was painted; failures say why', async () => {
		const result = await runCli(['predict', '--number', '--json', ...files.map(each => each.file), blank, broken], {built: true});
		assert.equal(result.code, 1, 'a failed file makes the exit code 1');
		const entries = JSON.parse(result.stdout) as Entry[];
		assert.equal(entries.length, files.length + 2);
		files.forEach(({file, number, painted}, i) => {
			const entry = entries[i]!;
			assert.deepEqual(Object.keys(entry), ['file', 'number', 'confidence', 'digits', 'separators']);
			assert.equal(entry.file, file);
			assert.equal(entry.number, number);
			assert.equal(entry.digits.map(digit => digit.digit).join(''), number);
			assert.deepEqual(entry.separators, []);
			const product = entry.digits.reduce((total, digit) => total * digit.confidence, 1);
			assert.ok(Math.abs(entry.confidence - product) < 1e-9, `confidence ${entry.confidence} is the product ${product}`);
			entry.digits.forEach((digit, d) => {
				assert.deepEqual(Object.keys(digit), ['digit', 'confidence', 'probabilities', 'box']);
				assert.equal(digit.probabilities.length, 10);
				assert.equal(digit.probabilities.indexOf(Math.max(...digit.probabilities)), digit.digit);
				// The box holds ink of the square this digit was painted in, and nothing outside it.
				const {left, top, size} = painted[d]!;
				const {x, y, width, height} = digit.box;
				assert.ok(x >= left && x + width <= left + size + 1 && y >= top && y + height <= top + size + 1, `digit ${d} of ${file}: box ${JSON.stringify(digit.box)} in ${JSON.stringify(painted[d])}`);
				assert.ok(width >= size / 10 && height >= size / 2, `digit ${d} of ${file}: box ${JSON.stringify(digit.box)} is a digit's size`);
			});
		});
		assert.deepEqual(entries[files.length], {file: blank, error: 'no digit found'});
		assert.deepEqual(Object.keys(entries[files.length + 1]!), ['file', 'error']);
		assert.match(entries[files.length + 1]!.error!, /^.*broken\.png/);
		assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
	});

	test('text: a blank or broken file is one sentence on stderr naming it, the others still read', async () => {
		const result = await runCli(['predict', '--number', blank, files[0]!.file, broken], {built: true});
		assert.equal(result.code, 1);
		assert.equal(result.stdout.split('\t')[1], files[0]!.number);
		const errors = result.stderr.trimEnd().split('\n');
		assert.equal(errors.length, 2, result.stderr);
		assert.equal(errors[0], `${blank}: no digit found`);
		assert.match(errors[1]!, /broken\.png/);
	});

	test('reads standard input (-); --min-confidence 1 marks the number as low confidence', async () => {
		const result = await runCli(['predict', '--number', '-', '--json', '--min-confidence', '1'], {built: true, input: fs.readFileSync(files[2]!.file)});
		assert.equal(result.code, 0, result.stderr);
		const [entry] = JSON.parse(result.stdout) as Entry[];
		assert.equal(entry!.file, '-');
		assert.equal(entry!.number, files[2]!.number);
		assert.equal(entry!.lowConfidence, true);
	});

	test('without --number the same picture is one digit, in the shape predict always gave', async () => {
		const result = await runCli(['predict', '--json', files[0]!.file], {built: true});
		assert.equal(result.code, 0, result.stderr);
		const [entry] = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
		assert.deepEqual(Object.keys(entry!), ['file', 'digit', 'confidence', 'probabilities']);
	});

	test('one model call per image, with all its digits and the pieces it weighs; the numbers come in input order', async () => {
		// The shipped model, with its calls counted: each image is read in one call.
		const real = new ModelServiceProcess();
		const calls: number[] = [];
		const service: ModelService = Object.assign(Object.create(real) as ModelService, {
			predict: async (images: Float32Array, model?: string) => {
				calls.push(images.length / 784);
				return real.predict(images, model);
			},
		});
		try {
			let stdout = '';
			const code = await predictCommand(service, files.map(each => each.file), {json: false, number: true, stdout: {write: text => (stdout += text)}});
			assert.equal(code, 0);
			assert.equal(calls.length, files.length);
			calls.forEach((count, i) => assert.ok(count >= files[i]!.number.length, `call ${i}: ${count} images for ${files[i]!.number.length} digits`));
			assert.deepEqual(
				stdout.trimEnd().split('\n').map(line => line.split('\t').slice(0, 2)),
				files.map(({file, number}) => [file, number]),
			);
		} finally {
			real.close();
		}
	});

	test('predict --help lists --number', async () => {
		const result = await runCli(['predict', '--help'], {built: true});
		assert.equal(result.code, 0);
		assert.match(result.stdout, /\n {4}--number {2,}read a whole number per image/);
	});
});
