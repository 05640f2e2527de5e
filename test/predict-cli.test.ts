// `digits predict` with many files: quoted globs, folders, batches of one model call each,
// and every kind of bad file failing alone with its own sentence.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {predictCommand} from '../source/commands/predict.js';
import {loadMnist} from '../source/data/mnist.js';
import {expandGlob, expandInputs, segmentToRegExp} from '../source/image/files.js';
import {writeGrayPng} from '../source/image/load.js';
import type {ModelService} from '../source/model/service.js';
import {pngChunk} from './digit-fixtures.js';
import {fakeModelService} from './fake-model-service.js';
import {runCli, temporaryHome} from './helpers.js';

const home = temporaryHome();
const tree = path.join(home, 'tree');

/** Creates the files (empty unless given contents) and their folders. */
function touch(root: string, files: Record<string, string | Uint8Array> | string[]): void {
	const list = Array.isArray(files) ? Object.fromEntries(files.map(file => [file, ''])) : files;
	for (const [file, contents] of Object.entries(list)) {
		fs.mkdirSync(path.dirname(path.join(root, file)), {recursive: true});
		fs.writeFileSync(path.join(root, file), contents);
	}
}

describe('globs', () => {
	before(() => {
		touch(tree, ['a.png', 'b.PNG', 'c.jpg', 'notes.txt', '.hidden.png', 'x1.gif', 'x2.gif', 'x10.gif', 'sub/d.png', 'sub/deep/e.png', 'sub/deep/f.jpg', '.git/g.png', 'odd[1].png']);
		fs.symlinkSync(tree, path.join(tree, 'sub', 'loop'));
	});

	test('one segment: *, ?, [...], [!...], escapes, and no leading dot', () => {
		const matches = (pattern: string, name: string) => segmentToRegExp(pattern).test(name);
		assert.ok(matches('*.png', 'a.png'));
		assert.ok(!matches('*.png', '.hidden.png'));
		assert.ok(matches('.*.png', '.hidden.png'));
		assert.ok(matches('x?.gif', 'x1.gif') && !matches('x?.gif', 'x10.gif'));
		assert.ok(matches('x[0-9].gif', 'x2.gif') && !matches('x[!0-9].gif', 'x2.gif') && matches('x[^a].gif', 'x2.gif'));
		assert.ok(matches('odd\\[1\\].png', 'odd[1].png') && !matches('odd[1].png', 'odd[1].png'));
		assert.ok(matches('a.(png)', 'a.(png)') && !matches('a.png', 'aXpng'));
	});

	test('expandGlob walks folders, ** included, sorted, through a symlink loop once', () => {
		const relative = (pattern: string) => expandGlob(path.join(tree, pattern)).map(file => path.relative(tree, file));
		assert.deepEqual(relative('*.png'), ['a.png', 'odd[1].png']);
		assert.deepEqual(relative('*.[pP][nN][gG]'), ['a.png', 'b.PNG', 'odd[1].png']);
		assert.deepEqual(relative('x*.gif'), ['x1.gif', 'x10.gif', 'x2.gif']);
		// * follows a symbolic link to a folder, as the shell does; ** does not (nor into hidden folders), so a loop cannot trap it.
		assert.deepEqual(relative('sub/*/*.png'), ['sub/deep/e.png', 'sub/loop/a.png', 'sub/loop/odd[1].png']);
		assert.deepEqual(relative('**/*.png'), ['a.png', 'odd[1].png', 'sub/d.png', 'sub/deep/e.png']);
		assert.deepEqual(relative('nothing-*.png'), []);
	});

	test('a relative glob gives relative paths', () => {
		const cwd = process.cwd();
		process.chdir(tree);
		try {
			assert.deepEqual(expandGlob('sub/**/*.jpg'), ['sub/deep/f.jpg']);
		} finally {
			process.chdir(cwd);
		}
	});

	test('expandInputs: files as given, folders and globs as their image files, in order', () => {
		const inputs = expandInputs([path.join(tree, 'notes.txt'), path.join(tree, 'sub'), '-', path.join(tree, '*.gif'), path.join(tree, '*.webp'), path.join(tree, 'sub', 'deep', 'none')]);
		assert.deepEqual(
			inputs.map(input => (input.error ? `error: ${input.error}` : input.file === '-' ? '-' : path.relative(tree, input.file))),
			[
				'notes.txt',
				'sub/d.png',
				'-',
				'x1.gif',
				'x10.gif',
				'x2.gif',
				`error: ${path.join(tree, '*.webp')} matches no image files (PNG, JPEG, BMP, GIF or TIFF); check the pattern.`,
				'sub/deep/none',
			],
		);
		// A file whose name looks like a glob is taken as it is.
		assert.deepEqual(expandInputs([path.join(tree, 'odd[1].png')]), [{file: path.join(tree, 'odd[1].png')}]);
	});
});

describe('batches', () => {
	/** A model service stand-in: the i-th image of each call is digit i mod 10 at 91%; it counts the calls. */
	function countingService(): {service: ModelService; calls: number[]} {
		const calls: number[] = [];
		const service = fakeModelService({
			predict: async images => {
				calls.push(images.length / 784);
				const probabilities = new Float32Array((images.length / 784) * 10).fill(0.01);
				for (let i = 0; i < images.length / 784; i++) probabilities[i * 10 + (i % 10)] = 0.91;
				return probabilities;
			},
		});
		return {service, calls};
	}

	async function captured(run: (streams: {stdout: {write: (text: string) => void}; stderr: {write: (text: string) => void}}) => Promise<number>) {
		const output = {stdout: '', stderr: ''};
		const code = await run({stdout: {write: text => (output.stdout += text)}, stderr: {write: text => (output.stderr += text)}});
		return {code, ...output};
	}

	const folder = path.join(home, 'batch');

	before(async () => {
		fs.mkdirSync(folder, {recursive: true});
		const digit = new Float32Array(28 * 28).fill(1);
		for (let y = 4; y < 24; y++) for (let x = 12; x < 15; x++) digit[y * 28 + x] = 0;
		for (let i = 0; i < 7; i++) await writeGrayPng(path.join(folder, `digit-${i}.png`), {width: 28, height: 28, data: digit});
		fs.writeFileSync(path.join(folder, 'digit-3b.png'), 'not an image');
	});

	test('one model call per batch; the JSON is one array in input order, as JSON.stringify writes it', async () => {
		const {service, calls} = countingService();
		const result = await captured(streams => predictCommand(service, [folder], {json: true, batchSize: 3, ...streams}));
		assert.equal(result.code, 1);
		const entries = JSON.parse(result.stdout) as Array<{file: string; error?: string; digit?: number}>;
		assert.deepEqual(
			entries.map(entry => path.basename(entry.file)),
			['digit-0.png', 'digit-1.png', 'digit-2.png', 'digit-3.png', 'digit-3b.png', 'digit-4.png', 'digit-5.png', 'digit-6.png'],
		);
		// 8 files in batches of 3; the bad one leaves its batch one image short.
		assert.deepEqual(calls, [3, 2, 2]);
		assert.match(entries[4]!.error!, /digit-3b\.png is not an image \(it is a text file\)/);
		assert.equal(result.stdout, JSON.stringify(entries, null, 2) + '\n');
	});

	test('text output: one line per good file, errors on stderr, exit 0 when all are good', async () => {
		const {service, calls} = countingService();
		const good = [0, 1, 2, 3].map(i => path.join(folder, `digit-${i}.png`));
		const result = await captured(streams => predictCommand(service, good, {json: false, ...streams}));
		assert.equal(result.code, 0, result.stderr);
		assert.deepEqual(calls, [4]);
		assert.equal(result.stdout.trim().split('\n').length, 4);
		assert.match(result.stdout, /digit-0\.png\t0\t91\.0%\n/);
	});
});

describe('the real command', () => {
	const files = path.join(home, 'files');
	const bad: Record<string, RegExp> = {};

	before(async () => {
		const trained = await runCli(['train', '--limit', '600', '--epochs', '1', '--model', 'tiny']);
		assert.equal(trained.code, 0, trained.stderr);
		const mnist = await loadMnist('test', {limit: 4});
		fs.mkdirSync(path.join(files, 'nested', 'deeper'), {recursive: true});
		for (let i = 0; i < 4; i++) {
			const data = Float32Array.from(mnist.images.subarray(i * 784, (i + 1) * 784), value => 1 - value / 255);
			await writeGrayPng(path.join(files, i < 2 ? `good-${i}.png` : `nested/deeper/good-${i}.png`), {width: 28, height: 28, data});
		}

		const png = fs.readFileSync(path.join(files, 'good-0.png'));
		const header = Buffer.alloc(13);
		header.writeUInt32BE(20_000, 0);
		header.writeUInt32BE(20_000, 4);
		header[8] = 8;

		touch(path.join(files, 'bad'), {
			'empty.png': '',
			'cut.png': png.subarray(0, Math.floor(png.length / 2)),
			'zip.png': Buffer.concat([Buffer.from('504b0304140000000800', 'hex'), Buffer.alloc(64)]),
			'huge.png': Buffer.concat([png.subarray(0, 8), pngChunk('IHDR', header), pngChunk('IEND', new Uint8Array(0))]),
			'blank.png': '',
		});
		await writeGrayPng(path.join(files, 'bad', 'blank.png'), {width: 30, height: 30, data: new Float32Array(900).fill(1)});
		fs.mkdirSync(path.join(files, 'bad', 'folder.png'));
		Object.assign(bad, {
			'empty.png': /is empty \(0 bytes\)/,
			'cut.png': /is corrupt or truncated \(the file ends before the image data does\)/,
			'zip.png': /is not an image \(it is a zip archive\)/,
			'huge.png': /is too large to read \(20,000×20,000 pixels, 400 megapixels; the limit is 50\)/,
			'blank.png': /^no digit found$/,
			'folder.png': /folder\.png has no image files \(PNG, JPEG, BMP, GIF or TIFF\) in it\./,
			'missing.png': /does not exist/,
		});
	});

	after(() => fs.rmSync(home, {recursive: true, force: true}));

	test('quoted globs and folders are expanded by the app', async () => {
		const result = await runCli(['predict', path.join(files, '*.png'), path.join(files, '**', 'good-*.png'), '--model', 'tiny', '--json']);
		assert.equal(result.code, 0, result.stderr);
		const names = (JSON.parse(result.stdout) as Array<{file: string}>).map(entry => path.relative(files, entry.file));
		assert.deepEqual(names, ['good-0.png', 'good-1.png', 'good-0.png', 'good-1.png', 'nested/deeper/good-2.png', 'nested/deeper/good-3.png']);
	});

	test('every kind of bad file gets its own sentence and exit 1; the good files are still read', async () => {
		const inputs = [path.join(files, 'good-0.png'), ...Object.keys(bad).map(name => path.join(files, 'bad', name)), path.join(files, 'nested/deeper/good-3.png')];
		const result = await runCli(['predict', ...inputs, '--model', 'tiny', '--json']);
		assert.equal(result.code, 1);
		const entries = JSON.parse(result.stdout) as Array<{file: string; error?: string; digit?: number}>;
		assert.deepEqual(entries.map(entry => entry.file), inputs);
		assert.equal(typeof entries[0]!.digit, 'number');
		assert.equal(typeof entries.at(-1)!.digit, 'number');
		for (const [index, pattern] of Object.values(bad).entries()) assert.match(entries[index + 1]!.error ?? '', pattern, inputs[index + 1]);

		const text = await runCli(['predict', ...inputs, '--model', 'tiny']);
		assert.equal(text.code, 1);
		assert.equal(text.stdout.trim().split('\n').length, 2);
		// One line per bad file, each naming it, no stack traces.
		const lines = text.stderr.trim().split('\n');
		assert.equal(lines.length, Object.keys(bad).length);
		for (const [index, name] of Object.keys(bad).entries()) assert.ok(lines[index]!.includes(name), lines[index]);
	});

	test('a glob that matches nothing is reported and the others are still read', async () => {
		const result = await runCli(['predict', path.join(files, '*.tiff'), path.join(files, 'good-1.png'), '--model', 'tiny']);
		assert.equal(result.code, 1);
		assert.match(result.stderr, /\*\.tiff matches no image files \(PNG, JPEG, BMP, GIF or TIFF\); check the pattern\.\n$/);
		assert.match(result.stdout, /good-1\.png\t\d\t/);
	});
});
