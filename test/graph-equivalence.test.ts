// The graph trainer against the eager path: same weights in, one step on the same batch,
// the same loss and the same updated weights out (tolerance 1e-4 relative).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {after, before, describe, test} from 'node:test';
import type {Tensor} from '@tensorflow/tfjs';
import {loadMnist} from '../source/data/mnist.js';
import type {TF} from '../source/model/backend.js';
import {compileTrainingGraph} from '../source/model/graph/compile.js';
import {GraphUnsupported} from '../source/model/graph/layers.js';
import {GraphTrainer} from '../source/model/graph/trainer.js';
import {graphPredictor} from '../source/model/graph/predictor.js';
import {buildModel, buildNetwork, presetLayers, presetNames, type LayerSpec} from '../source/model/presets.js';
import type {PresetName} from '../source/model/types.js';

// The graph's arithmetic against the eager path's needs both on the same kernels. The model
// service runs TensorFlow with oneDNN's kernels on (service.ts); the graph session then takes
// oneDNN's convolution and batch-norm gradients while tfjs's eager ops keep TensorFlow's own,
// and in `best` about 75 of 200,000 weights just before batch normalization, whose gradients
// are mostly cancellation, take their first Adam step (±lr) the other way. So oneDNN is off
// here; test/graph-training.test.ts trains with it on.
process.env['TF_ENABLE_ONEDNN_OPTS'] = '0';

const tolerance = 1e-4;
const adam = {learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, seed: 5};

/** The preset without dropout: masks are random, so the two paths can only be compared without them. */
const withoutDropout = (preset: PresetName): LayerSpec[] => presetLayers(preset).map(spec => (spec.type === 'dropout' ? {...spec, rate: 0} : spec));

/**
 * |a − b| ≤ max(tolerance · scale, slack), element by element; the scale is the largest
 * magnitude in the expected values (for a bias, its whole layer's: a bias that starts at zero
 * is one Adam step, ±lr·g/(|g|+ε), which float rounding of a near-zero g moves by more than
 * 1e-4 of itself).
 */
function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string, scale = largest(expected), slack = 0): void {
	assert.equal(actual.length, expected.length, `${what}: length`);
	for (let i = 0; i < expected.length; i++) {
		const difference = Math.abs(actual[i]! - expected[i]!);
		assert.ok(difference <= Math.max(tolerance * scale, slack), `${what}[${i}]: ${actual[i]} vs ${expected[i]} (scale ${scale})`);
	}
}

/**
 * After batch normalization a few weights get a gradient that is nearly all cancellation
 * (|g| within a few ε of zero), so the two paths' first Adam steps for them differ by a few
 * percent of the step: 3 of 200,000 weights of `best`, by at most 2.5% of lr. A wrong
 * gradient would be off by a whole step or more.
 */
const stepSlack = 0.05 * adam.learningRate;

function largest(values: ArrayLike<number>): number {
	let scale = 0;
	for (let i = 0; i < values.length; i++) scale = Math.max(scale, Math.abs(values[i]!));
	return scale;
}

describe('graph trainer on the native backend', () => {
	let tf: TF;
	let images: Tensor;
	let labels: Tensor;

	before(async () => {
		tf = await import('@tensorflow/tfjs-node');
		const data = await loadMnist('train', {limit: 64});
		images = tf.tidy(() => tf.tensor4d(data.images, [data.count, 28, 28, 1], 'int32').toFloat().div(255));
		labels = tf.tidy(() => tf.oneHot(tf.tensor1d(data.labels, 'int32'), 10).toFloat());
	});
	after(() => tf.dispose([images, labels]));

	/** Convolutions with `same` padding beside `valid` ones (the presets have only `valid`). */
	const padded: LayerSpec[] = [
		{type: 'conv2d', filters: 4, kernelSize: 3, activation: 'relu', padding: 'same'},
		{type: 'conv2d', filters: 6, kernelSize: 3, activation: 'relu', padding: 'same'},
		{type: 'maxPooling2d', poolSize: 2},
		{type: 'conv2d', filters: 8, kernelSize: 3, activation: 'relu', padding: 'same'},
		{type: 'conv2d', filters: 8, kernelSize: 3, activation: 'relu'},
		{type: 'flatten'},
		{type: 'dense', units: 10, activation: 'softmax'},
	];
	const networks: Array<[string, LayerSpec[]]> = [...presetNames.map((preset): [string, LayerSpec[]] => [preset, withoutDropout(preset)]), ['padded convolutions', padded]];

	for (const [name, layers] of networks) {
		test(`${name}: one step gives the eager path's loss and updated weights (moving averages too)`, async () => {
			const eager = buildNetwork(tf, name, layers, 11, adam.learningRate);
			const graphModel = buildNetwork(tf, name, layers, 11, adam.learningRate);
			const trainer = await GraphTrainer.create(tf, graphModel, layers, adam);
			try {
				const predicted = trainer.predict(images);
				const expected = eager.predict(images) as Tensor;
				assertClose(predicted.dataSync(), expected.dataSync(), 'probabilities before training');
				tf.dispose([predicted, expected]);

				const [eagerLoss, eagerAccuracy] = (await eager.trainOnBatch(images, labels)) as [number, number];
				const {loss, accuracy} = trainer.trainBatch(images, labels);
				assert.ok(Math.abs(loss - eagerLoss) <= tolerance * Math.abs(eagerLoss), `loss ${loss} vs ${eagerLoss}`);
				assert.equal(accuracy, eagerAccuracy);

				trainer.copyWeightsTo(graphModel);
				let compared = 0;
				graphModel.layers.forEach((layer, index) => {
					const updated = layer.getWeights().map(weight => weight.dataSync());
					const reference = eager.layers[index]!.getWeights().map(weight => weight.dataSync());
					const scale = Math.max(0, ...reference.map(largest));
					updated.forEach((weight, i) => assertClose(weight, reference[i]!, `layer ${index} weight ${i}`, scale, stepSlack));
					compared += updated.length;
				});
				assert.equal(compared, eager.getWeights().length);
				const initial = buildNetwork(tf, name, layers, 11, adam.learningRate);
				const moved = graphModel.getWeights().map((weight, i) => weight.notEqual(initial.getWeights()[i]!).any().dataSync()[0]);
				assert.ok(moved.every(Boolean), 'every weight moved');
				initial.dispose();
			} finally {
				trainer.dispose();
				eager.dispose();
				graphModel.dispose();
			}
		});
	}

	test('dropout: active while training only, and the same seed gives the same masks', async () => {
		const run = async (seed: number) => {
			const model = buildModel(tf, 'best', 3, adam.learningRate);
			const trainer = await GraphTrainer.create(tf, model, presetLayers('best'), {...adam, seed});
			try {
				const before = trainer.evaluateBatch(images, labels).loss;
				const steps = [trainer.trainBatch(images, labels).loss, trainer.trainBatch(images, labels).loss];
				return {before, steps};
			} finally {
				trainer.dispose();
				model.dispose();
			}
		};
		const [first, again, other] = [await run(1), await run(1), await run(2)];
		assert.deepEqual(again, first, 'same seed, same losses');
		assert.notEqual(other.steps[0], first.steps[0], 'another seed, other masks');
		assert.equal(other.before, first.before, 'evaluation has no dropout: it does not depend on the seed');
		assert.notEqual(first.steps[0], first.before, 'the training pass drops units');
	});

	for (const preset of presetNames) {
		test(`${preset}: the one-call predictor gives the layers model's probabilities`, async () => {
			const model = buildModel(tf, preset, 4, adam.learningRate);
			// One eager step first, so batch normalization's moving averages are not their first values.
			await model.trainOnBatch(images, labels);
			const predictor = await graphPredictor(tf, model, presetLayers(preset));
			try {
				const [fromGraph, fromModel] = [predictor.predict(images), model.predict(images) as Tensor];
				assertClose(fromGraph.dataSync(), fromModel.dataSync(), 'probabilities', 1);
				tf.dispose([fromGraph, fromModel]);
			} finally {
				predictor.dispose();
				model.dispose();
			}
		});
	}

	test('the predictor refuses a model that is not its preset', async () => {
		const model = buildModel(tf, 'classic', 4, adam.learningRate);
		try {
			await assert.rejects(graphPredictor(tf, model, presetLayers('best')), GraphUnsupported);
		} finally {
			model.dispose();
		}
	});

	test('the SavedModel folder is gone once the session holds the graph', async () => {
		const made: string[] = [];
		const original = fs.mkdtempSync;
		fs.mkdtempSync = ((prefix: string, options?: BufferEncoding) => {
			const dir = original(prefix, options);
			made.push(dir);
			return dir;
		}) as typeof fs.mkdtempSync;
		const model = buildModel(tf, 'classic', 1, adam.learningRate);
		try {
			const trainer = await GraphTrainer.create(tf, model, presetLayers('classic'), adam);
			trainer.dispose();
		} finally {
			fs.mkdtempSync = original;
			model.dispose();
		}
		assert.equal(made.length, 1);
		assert.equal(fs.existsSync(made[0]!), false);
	});
});

describe('graph compiler', () => {
	test('refuses what it cannot express with GraphUnsupported', () => {
		const weights = [[new Float32Array(784 * 10), new Float32Array(10)], [new Float32Array(100), new Float32Array(10)]];
		assert.throws(
			() =>
				compileTrainingGraph(
					[
						{type: 'flatten'},
						{type: 'dense', units: 10, activation: 'softmax'},
						{type: 'dense', units: 10, activation: 'softmax'},
					],
					[[], ...weights],
					adam,
				),
			GraphUnsupported,
		);
		assert.throws(() => compileTrainingGraph([{type: 'flatten'}, {type: 'dense', units: 10, activation: 'relu'}], [[], weights[0]!], adam), GraphUnsupported);
	});

	test('checks the weights it is given against the layer shapes', () => {
		assert.throws(
			() => compileTrainingGraph([{type: 'flatten'}, {type: 'dense', units: 10, activation: 'softmax'}], [[], [new Float32Array(5), new Float32Array(10)]], adam),
			/does not have the shape \[784, 10\]/,
		);
	});
});
