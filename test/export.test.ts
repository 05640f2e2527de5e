// `digits export`: the shipped models as TensorFlow SavedModels in TensorFlow Serving's
// layout, loaded back by tfjs-node (and by Python's TensorFlow where it is installed), giving
// the probabilities `digits predict` gives; the version numbering; bad flags.
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {before, describe, test} from 'node:test';
import {loadMnist} from '../source/data/mnist.js';
import {readImageFile, writeGrayPng} from '../source/image/load.js';
import {preprocessForModel} from '../source/image/preprocess.js';
import {builtBin, runCli, temporaryHome, type CliResult} from './helpers.js';

const home = temporaryHome();
const images = path.join(home, 'images');
const tolerance = 1e-5;
const summary = '(serving_default: image [N,28,28,1] -> probabilities [N,10])';
const shipped = ['best', 'classic'] as const;
/** Every op the export of a shipped model may hold: its inference ops, nothing stateful. */
const standardOps = new Set(['Placeholder', 'Const', 'Conv2D', 'BiasAdd', 'Relu', 'FusedBatchNormV3', 'MaxPool', 'Reshape', 'MatMul', 'Softmax']);

const exportCli = (args: string[]): Promise<CliResult> => runCli(['export', ...args], {built: true});

type Predicted = {file: string; probabilities: number[]};
type TFNode = typeof import('@tensorflow/tfjs-node');

/** The files of the fixtures, the pixels the model sees for each (as the CLI preprocesses them), and `digits predict --json`'s answers per model. */
let files: string[];
let pixels: Float32Array;
const predicted: Partial<Record<(typeof shipped)[number], number[][]>> = {};
let tf: TFNode;

before(async () => {
	fs.mkdirSync(images);
	const mnist = await loadMnist('test', {limit: 12});
	files = [];
	for (let i = 0; i < mnist.count; i++) {
		// Dark ink on white paper, as people hand digits in.
		const data = Float32Array.from(mnist.images.subarray(i * 784, (i + 1) * 784), value => 1 - value / 255);
		const file = path.join(images, `digit-${i}-${mnist.labels[i]}.png`);
		await writeGrayPng(file, {width: 28, height: 28, data});
		files.push(file);
	}
	pixels = new Float32Array(files.length * 784);
	for (const [i, file] of files.entries()) pixels.set(preprocessForModel(await readImageFile(file))!, i * 784);
	for (const model of shipped) {
		const result = await runCli(['predict', '--json', '--model', model, ...files], {built: true});
		assert.equal(result.code, 0, result.stderr);
		const answers = JSON.parse(result.stdout) as Predicted[];
		assert.deepEqual(answers.map(answer => answer.file), files);
		predicted[model] = answers.map(answer => answer.probabilities);
	}
	process.env['TF_CPP_MIN_LOG_LEVEL'] = '2';
	tf = await import('@tensorflow/tfjs-node');
});

/** The largest difference between two lists of probability rows. */
function largestDifference(actual: ArrayLike<number>, expected: number[][]): number {
	assert.equal(actual.length, expected.length * 10);
	let largest = 0;
	expected.flat().forEach((value, i) => (largest = Math.max(largest, Math.abs(actual[i]! - value))));
	return largest;
}

type GraphDef = {getNodeList(): Array<{getOp(): string}>};
type SavedModelMessage = {getMetaGraphsList(): Array<{getGraphDef(): GraphDef; getCollectionDefMap(): {getLength(): number}}>};

/** The ops of the SavedModel's graph, read with the protobuf messages tfjs-node ships. */
function graphOps(dir: string): {ops: Set<string>; collections: number} {
	const {SavedModel} = createRequire(import.meta.url)('@tensorflow/tfjs-node/dist/proto/api_pb') as {SavedModel: {deserializeBinary(bytes: Uint8Array): SavedModelMessage}};
	const [metaGraph] = SavedModel.deserializeBinary(fs.readFileSync(path.join(dir, 'saved_model.pb'))).getMetaGraphsList();
	return {ops: new Set(metaGraph!.getGraphDef().getNodeList().map(node => node.getOp())), collections: metaGraph!.getCollectionDefMap().getLength()};
}

/** A signature tensor's shape as numbers: tfjs-node 4.22 hands over the protobuf's Dim messages, typed as numbers. */
const dims = (shape: unknown): number[] => (shape as Array<number | {getSize(): number}>).map(dim => (typeof dim === 'number' ? dim : dim.getSize()));

describe('the shipped models as SavedModels', () => {
	for (const model of shipped) {
		test(`${model}: DIR/1 in Serving's layout, loaded by tfjs-node, gives digits predict's probabilities`, async t => {
			const out = path.join(home, `export-${model}`);
			const result = await exportCli(['--model', model, '--format', 'savedmodel', '--out', out]);
			assert.equal(result.code, 0, result.stderr);
			assert.equal(result.stdout, `digits export: wrote ${path.join(out, '1')} ${summary}\n`);
			assert.equal(result.stderr, '');

			// The layout: only the version folder (no temporary one left), saved_model.pb and an empty variables/.
			const version = path.join(out, '1');
			assert.deepEqual(fs.readdirSync(out), ['1']);
			assert.deepEqual(fs.readdirSync(version).sort(), ['saved_model.pb', 'variables']);
			assert.ok(fs.statSync(path.join(version, 'variables')).isDirectory());
			assert.deepEqual(fs.readdirSync(path.join(version, 'variables')), []);
			const {ops, collections} = graphOps(version);
			assert.deepEqual([...ops].filter(op => !standardOps.has(op)), [], 'only standard inference ops');
			assert.equal(collections, 0, 'no init op: nothing to initialize');

			// The signature as TensorFlow Serving's clients see it.
			const [metaGraph] = await tf.node.getMetaGraphsFromSavedModel(version);
			assert.deepEqual(metaGraph!.tags, ['serve']);
			const signature = metaGraph!.signatureDefs['serving_default']!;
			assert.deepEqual(Object.keys(signature.inputs), ['image']);
			assert.deepEqual(Object.keys(signature.outputs), ['probabilities']);
			assert.equal(signature.inputs['image']!.dtype, 'float32');
			assert.deepEqual(dims(signature.inputs['image']!.shape), [-1, 28, 28, 1]);
			assert.equal(signature.outputs['probabilities']!.dtype, 'float32');
			assert.deepEqual(dims(signature.outputs['probabilities']!.shape), [-1, 10]);

			const session = await tf.node.loadSavedModel(version, ['serve'], 'serving_default');
			try {
				const input = tf.tensor4d(pixels, [files.length, 28, 28, 1]);
				const output = session.predict({image: input}) as Record<string, import('@tensorflow/tfjs').Tensor>;
				const probabilities = output['probabilities']!;
				assert.deepEqual(probabilities.shape, [files.length, 10]);
				const difference = largestDifference(probabilities.dataSync(), predicted[model]!);
				t.diagnostic(`tfjs-node: largest difference ${difference}`);
				assert.ok(difference <= tolerance, `largest difference ${difference}`);
				tf.dispose([input, probabilities]);
			} finally {
				session.dispose();
			}
		});
	}
});

test('on the pure-JS backend the same bytes are written, with a note that they were not checked', async () => {
	const native = path.join(home, 'native-classic');
	const pure = path.join(home, 'pure-classic');
	assert.equal((await exportCli(['--model', 'classic', '--out', native])).code, 0);
	const result = await runCli(['export', '--model', 'classic', '--out', pure], {built: true, env: {DIGITS_BACKEND: 'cpu'}});
	assert.equal(result.code, 0, result.stderr);
	assert.equal(result.stdout, `digits export: wrote ${path.join(pure, '1')} ${summary}\n`);
	assert.match(result.stderr, /^digits export: not checked against the model \(that needs the native TensorFlow backend\)\.$/m);
	assert.ok(fs.readFileSync(path.join(pure, '1', 'saved_model.pb')).equals(fs.readFileSync(path.join(native, '1', 'saved_model.pb'))));
});

describe('Python TensorFlow loads the export', () => {
	/** Why Python's TensorFlow cannot be used here, or undefined when it can. */
	let missing: string | undefined;
	before(() => {
		const probe = spawnSync('python3', ['-c', 'import tensorflow'], {encoding: 'utf8', env: {...process.env, TF_CPP_MIN_LOG_LEVEL: '3'}});
		if (probe.error) missing = `python3 cannot be run (${probe.error.message})`;
		else if (probe.status !== 0) missing = `python3 cannot import tensorflow (${probe.stderr.trim().split('\n').at(-1)})`;
	});

	const script = `
import json, sys
import numpy as np
import tensorflow as tf
request = json.load(open(sys.argv[1]))
loaded = tf.saved_model.load(request['dir'])
serve = loaded.signatures['serving_default']
images = np.array(request['pixels'], dtype=np.float32).reshape(-1, 28, 28, 1)
probabilities = serve(image=tf.constant(images))['probabilities'].numpy()
expected = np.array(request['expected'], dtype=np.float64)
print(json.dumps({
    'difference': float(np.abs(probabilities.astype(np.float64) - expected).max()),
    'inputs': {name: [spec.dtype.name, spec.shape.as_list()] for name, spec in serve.structured_input_signature[1].items()},
    'outputs': {name: [spec.dtype.name, spec.shape.as_list()] for name, spec in serve.structured_outputs.items()},
}))
`;

	for (const model of shipped) {
		test(`${model}: tf.saved_model.load and serving_default(image=...) agree within 1e-5`, async t => {
			if (missing) {
				t.diagnostic(`skipped: ${missing}`);
				t.skip(missing);
				return;
			}
			const out = path.join(home, `python-${model}`);
			const result = await exportCli(['--model', model, '--out', out]);
			assert.equal(result.code, 0, result.stderr);
			const request = path.join(home, `python-${model}.json`);
			fs.writeFileSync(request, JSON.stringify({dir: path.join(out, '1'), pixels: Array.from(pixels), expected: predicted[model]}));
			const python = spawnSync('python3', ['-c', script, request], {encoding: 'utf8', env: {...process.env, TF_CPP_MIN_LOG_LEVEL: '3', CUDA_VISIBLE_DEVICES: ''}});
			assert.equal(python.status, 0, python.stderr);
			const answer = JSON.parse(python.stdout.trim().split('\n').at(-1)!) as {difference: number; inputs: unknown; outputs: unknown};
			t.diagnostic(`Python TensorFlow: largest difference ${answer.difference}`);
			assert.ok(answer.difference <= tolerance, `largest difference ${answer.difference}`);
			assert.deepEqual(answer.inputs, {image: ['float32', [null, 28, 28, 1]]});
			assert.deepEqual(answer.outputs, {probabilities: ['float32', [null, 10]]});
		});
	}
});

describe('versions', () => {
	test('each export is the next version; other entries are left alone; no temporary folder stays', async () => {
		const out = path.join(home, 'versions');
		const first = await exportCli(['--model', 'classic', '--out', out]);
		assert.equal(first.code, 0, first.stderr);
		assert.equal(first.stdout, `digits export: wrote ${path.join(out, '1')} ${summary}\n`);
		const second = await exportCli(['--model', 'classic', '--out', out]);
		assert.equal(second.stdout, `digits export: wrote ${path.join(out, '2')} ${summary}\n`);

		// TensorFlow Serving reads only numeric folders; the next is one more than the highest, gaps and all.
		fs.mkdirSync(path.join(out, '7'));
		fs.mkdirSync(path.join(out, 'notes'));
		fs.mkdirSync(path.join(out, '0'));
		fs.writeFileSync(path.join(out, 'README'), 'hello');
		const third = await exportCli(['--out', out]);
		assert.equal(third.code, 0, third.stderr);
		assert.equal(third.stdout, `digits export: wrote ${path.join(out, '8')} ${summary}\n`);
		assert.deepEqual(fs.readdirSync(out).sort(), ['0', '1', '2', '7', '8', 'README', 'notes']);
		assert.deepEqual(fs.readdirSync(path.join(out, '7')), []);
		assert.deepEqual(fs.readdirSync(path.join(out, '8')).sort(), ['saved_model.pb', 'variables']);
	});

	test('a relative --out is the working folder\'s, as the user wrote it', async () => {
		const cwd = path.join(home, 'relative');
		fs.mkdirSync(cwd);
		const result = await new Promise<CliResult>(resolve => {
			const child = spawn(process.execPath, [builtBin, 'export', '--model', 'classic', '--out', 'serving/digits'], {cwd, stdio: ['ignore', 'pipe', 'pipe']});
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', chunk => (stdout += chunk));
			child.stderr.on('data', chunk => (stderr += chunk));
			child.on('close', code => resolve({code, stdout, stderr}));
		});
		assert.equal(result.code, 0, result.stderr);
		assert.equal(result.stdout, `digits export: wrote serving/digits/1 ${summary}\n`);
		assert.ok(fs.statSync(path.join(cwd, 'serving', 'digits', '1', 'saved_model.pb')).isFile());
	});
});

describe('bad flags and failures', () => {
	for (const [args, message] of [
		[['--out', 'x', '--format', 'onnx'], /^--format must be savedmodel \(got "onnx"\)\.\n$/],
		[['--format', 'savedmodel'], /^digits export needs --out DIR/],
		[[], /^digits export needs --out DIR/],
		[['--out'], /^digits export needs --out DIR/],
		[['--out', 'x', 'extra'], /^digits export takes no file arguments \(got "extra"\)/],
		[['--out', 'x', '--force'], /^--force is not an option of digits export/],
	] as const) {
		test(`digits export ${args.join(' ')}: usage error, exit 2, nothing written`, async () => {
			const result = await runCli(['export', ...args], {built: true, env: {}});
			assert.equal(result.code, 2);
			assert.match(result.stderr, message);
			assert.equal(result.stdout, '');
			assert.ok(!fs.existsSync('x') && !fs.existsSync(path.join(home, 'x')));
		});
	}

	test('an unknown model: the sentence other commands use, exit 1, the new folder taken away again', async () => {
		const out = path.join(home, 'unknown', 'export');
		const result = await exportCli(['--model', 'nope', '--out', out]);
		assert.equal(result.code, 1);
		assert.match(result.stderr, /^There is no model named "nope"; run `digits models` to see the names/);
		assert.equal(result.stdout, '');
		assert.ok(!fs.existsSync(path.join(home, 'unknown')));
	});

	test('--out naming a file: one sentence, exit 1', async () => {
		const file = path.join(home, 'a-file');
		fs.writeFileSync(file, '');
		const result = await exportCli(['--model', 'classic', '--out', file]);
		assert.equal(result.code, 1);
		assert.equal(result.stderr, `Could not write the SavedModel into ${file}: a part of the path is a file, not a folder (ENOTDIR); choose a writable folder with --out.\n`);
	});

	test('--help fits 80 columns', async () => {
		const result = await exportCli(['--help']);
		assert.equal(result.code, 0);
		assert.match(result.stdout, /\$ digits export --out DIR/);
		for (const line of result.stdout.split('\n')) assert.ok(line.length <= 80, line);
	});
});
