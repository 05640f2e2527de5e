// The commands as a user runs them: exit codes, one-sentence errors, JSON shapes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {before, describe, test} from 'node:test';
import {loadMnist} from '../source/data/mnist.js';
import type {Evaluation} from '../source/model/types.js';
import {presets} from '../source/model/presets.js';
import {writeGrayPng} from '../source/image/load.js';
import {runCli, temporaryHome} from './helpers.js';

const home = temporaryHome();
const files = path.join(home, 'files');

/** No TensorFlow notice, stack trace or Node warning may reach the user. */
function assertCleanStderr(stderr: string): void {
	assert.doesNotMatch(stderr, /tensorflow|oneDNN|cpu_feature_guard|\bat .+:\d+:\d+\)|Warning:/i);
}

describe('usage errors exit 2 with one sentence', () => {
	for (const [args, message] of [
		[['train', '--epochs', 'abc'], /^--epochs must be a whole number of at least 1 \(got "abc"\)\.\n$/],
		[['train', '--learning-rate', '-1'], /^--learning-rate must be a number above 0/],
		[['train', '--validation-split', '1'], /^--validation-split must be a fraction/],
		[['train', '--preset', 'huge'], /^--preset must be one of classic, best \(got "huge"\)\.\n$/],
		[['train', '--schedule', 'step'], /^--schedule must be one of constant, cosine \(got "step"\)\.\n$/],
		[['train', '--bogus'], /^--bogus is not an option of digits train/],
		[['frobnicate'], /^"frobnicate" is not a digits command/],
		[['toString'], /^"toString" is not a digits command/],
		[['eval', '--to-string'], /^--to-string is not an option of digits eval/],
		[['predict'], /^digits predict needs at least one image file/],
		[['predict', 'x.png', '--min-confidence', '2'], /^--min-confidence must be a probability/],
	] as const) {
		test(`digits ${args.join(' ')}`, async () => {
			const result = await runCli([...args]);
			assert.equal(result.code, 2);
			assert.match(result.stderr, message);
			assert.equal(result.stdout, '');
		});
	}
});

test('digits with no command and no terminal prints the help and exits 0', async () => {
	const result = await runCli([]);
	assert.equal(result.code, 0);
	for (const command of ['train', 'eval', 'predict', 'models']) assert.match(result.stdout, new RegExp(`\\n    ${command} `));
});

describe('with a small trained model', () => {
	let trainLines: Array<{type: string}>;

	before(async () => {
		fs.mkdirSync(files, {recursive: true});
		const result = await runCli(['train', '--limit', '1000', '--epochs', '1', '--model', 'cli', '--json']);
		assert.equal(result.code, 0, result.stderr);
		assertCleanStderr(result.stderr);
		trainLines = result.stdout.trim().split('\n').map(line => JSON.parse(line) as {type: string});
		const test = await loadMnist('test', {limit: 3});
		for (let i = 0; i < 3; i++) {
			// MNIST digits as people hand them in: dark ink on white paper.
			const data = Float32Array.from(test.images.subarray(i * 784, (i + 1) * 784), value => 1 - value / 255);
			await writeGrayPng(path.join(files, `digit-${i}.png`), {width: 28, height: 28, data});
		}
		await writeGrayPng(path.join(files, 'blank.png'), {width: 40, height: 40, data: new Float32Array(1600).fill(1)});
	});

	test('train --json prints one event per line, from start to done', () => {
		assert.equal(trainLines[0]!.type, 'start');
		assert.equal(trainLines.at(-1)!.type, 'done');
		assert.ok(trainLines.some(line => line.type === 'epoch'));
	});

	test("train --preset NAME takes the preset's settings, and flags override them", async () => {
		const result = await runCli(['train', '--preset', 'best', '--no-augment', '--epochs', '1', '--limit', '300', '--model', 'best-cli', '--json']);
		assert.equal(result.code, 0, result.stderr);
		const start = JSON.parse(result.stdout.split('\n')[0]!) as {options: Record<string, unknown>};
		assert.deepEqual(
			{...start.options},
			{...presets.best.defaults, preset: 'best', epochs: 1, augment: false, seed: 42, limit: 300, model: 'best-cli', force: false},
		);
	});

	test('train onto an existing name without --force is a usage error', async () => {
		const result = await runCli(['train', '--limit', '500', '--epochs', '1', '--model', 'cli']);
		assert.equal(result.code, 2);
		assert.match(result.stderr, /^A model named "cli" already exists; add --force/);
	});

	test('predict prints file, digit and confidence, with no TensorFlow log', async () => {
		const result = await runCli(['predict', path.join(files, 'digit-0.png'), '--model', 'cli']);
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stdout, /digit-0\.png\t\d\t\d+\.\d%\n$/);
		assert.equal(result.stderr, '');
	});

	test('predict --json keeps input order; bad files fail alone and set exit 1', async () => {
		const inputs = [path.join(files, 'digit-1.png'), path.join(files, 'missing.png'), path.join(files, 'blank.png'), path.join(files, 'digit-2.png')];
		const result = await runCli(['predict', ...inputs, '--model', 'cli', '--json']);
		assert.equal(result.code, 1);
		assertCleanStderr(result.stderr);
		const entries = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
		assert.deepEqual(entries.map(entry => entry['file']), inputs);
		assert.equal(entries[0]!['probabilities'] instanceof Array && (entries[0]!['probabilities'] as number[]).length, 10);
		assert.match(String(entries[1]!['error']), /missing\.png/);
		assert.equal(entries[2]!['error'], 'no digit found');
		assert.equal(typeof entries[3]!['digit'], 'number');
	});

	test('predict reads a folder and stdin', async () => {
		const folder = await runCli(['predict', files, '--model', 'cli']);
		assert.equal(folder.stdout.trim().split('\n').length, 3, 'three digits; blank.png goes to stderr');
		assert.match(folder.stderr, /blank\.png: no digit found/);
		const stdin = await runCli(['predict', '-', '--model', 'cli'], {input: fs.readFileSync(path.join(files, 'digit-0.png'))});
		assert.equal(stdin.code, 0, stdin.stderr);
		assert.match(stdin.stdout, /^-\t\d\t/);
	});

	test('predict --min-confidence marks unsure answers', async () => {
		const result = await runCli(['predict', path.join(files, 'digit-0.png'), '--model', 'cli', '--json', '--min-confidence', '1']);
		assert.equal((JSON.parse(result.stdout) as Array<{lowConfidence: boolean}>)[0]?.lowConfidence, true);
	});

	test('eval --json has the contract fields; --predictions writes every test image', async () => {
		const csv = path.join(files, 'predictions.csv');
		const result = await runCli(['eval', '--model', 'cli', '--json', '--predictions', csv]);
		assert.equal(result.code, 0, result.stderr);
		const report = JSON.parse(result.stdout) as Pick<Evaluation, 'backend' | 'confusionMatrix' | 'report'>;
		assert.deepEqual(Object.keys(report).sort(), ['accuracy', 'backend', 'confusionMatrix', 'model', 'path', 'report']);
		assert.equal(report.backend, 'tensorflow');
		assert.equal(report.confusionMatrix.length, 10);
		assert.equal(report.confusionMatrix.flat().reduce((a: number, b: number) => a + b, 0), 10_000);
		assert.deepEqual(Object.keys(report.report.classes[0] ?? {}).sort(), ['f1', 'label', 'precision', 'recall', 'support']);
		const lines = fs.readFileSync(csv, 'utf8').trim().split('\n');
		assert.equal(lines[0], 'index,label,predicted');
		assert.equal(lines.length, 10_001);
	});

	test('eval prints accuracy, the confusion matrix and the classification report', async () => {
		const result = await runCli(['eval', '--model', 'cli']);
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stdout, /^model cli .* on native \(TensorFlow\)\naccuracy \d+\.\d\d% \([\d,]+ of 10,000 test images\)/);
		assert.match(result.stdout, /precision {4}recall {2}f1-score {3}support/);
		assert.match(result.stdout, /weighted avg/);
	});

	test('a missing model is one sentence and exit 1', async () => {
		const result = await runCli(['eval', '--model', 'nope']);
		assert.equal(result.code, 1);
		assert.match(result.stderr, /^There is no model named "nope"; run `digits models`/);
		assert.equal(result.stderr.trim().split('\n').length, 1);
	});

	test('a damaged model file is one sentence and exit 1', async () => {
		const dir = path.join(home, 'models', 'broken');
		fs.cpSync(path.join(home, 'models', 'cli'), dir, {recursive: true});
		fs.truncateSync(path.join(dir, 'weights.bin'), 1000);
		const result = await runCli(['predict', path.join(files, 'digit-0.png'), '--model', 'broken']);
		assert.equal(result.code, 1);
		assert.match(result.stderr, /weights in .*broken are truncated/);
	});

	test('models lists the model and --use makes it the default', async () => {
		const use = await runCli(['models', '--use', 'cli']);
		assert.equal(use.code, 0, use.stderr);
		const list = JSON.parse((await runCli(['models', '--json'])).stdout) as Array<{name: string; isDefault: boolean}>;
		assert.equal(list.find(model => model.name === 'cli')?.isDefault, true);
		const unknown = await runCli(['models', '--use', 'nope']);
		assert.equal(unknown.code, 1);
		assert.match(unknown.stderr, /^There is no model named "nope"/);
	});

	test('a model left as a temporary -old folder by a crash mid-save is put back when digits starts', async () => {
		const models = path.join(home, 'models');
		fs.cpSync(path.join(models, 'cli'), path.join(models, '.tmp-cli.v2-Ab12cD-old'), {recursive: true});
		const result = await runCli(['models', '--json']);
		assert.equal(result.code, 0, result.stderr);
		assert.ok((JSON.parse(result.stdout) as Array<{name: string}>).some(model => model.name === 'cli.v2'));
		assert.ok(fs.existsSync(path.join(models, 'cli.v2', 'model.json')));
		assert.equal(fs.existsSync(path.join(models, '.tmp-cli.v2-Ab12cD-old')), false);
	});
});

test('Ctrl-C in a terminal (SIGINT to the process group) stops train after the batch and keeps the finished epoch, exit 130', async () => {
	let sent = false;
	const result = await runCli(['train', '--limit', '3000', '--epochs', '3', '--model', 'interrupted'], {
		onStdout: (stdout, signalGroup) => {
			if (sent || !stdout.includes('epoch 1/3')) return;
			sent = true;
			signalGroup('SIGINT');
		},
	});
	assert.equal(result.code, 130, result.stderr);
	assert.match(result.stderr, /stopping after this batch/);
	assert.doesNotMatch(result.stderr, /stopped unexpectedly/);
	assert.match(result.stdout, /stopped; epoch 1 is saved in /);
});

describe('the fallback backend', () => {
	test('DIGITS_BACKEND=cpu evaluates on pure JS and says so', async () => {
		const result = await runCli(['eval', '--model', 'cli', '--json'], {env: {DIGITS_BACKEND: 'cpu'}});
		assert.equal(result.code, 0, result.stderr);
		assert.equal((JSON.parse(result.stdout) as {backend: string}).backend, 'cpu');
	});
});
