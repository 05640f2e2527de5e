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
import {buildModel, presetLayers, presetNames} from '../source/model/presets.js';

const tolerance = 1e-4;
const adam = {learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7};

/**
 * |a − b| ≤ tolerance · scale, element by element; the scale is the largest magnitude in the
 * expected values (for a bias, its whole layer's: a bias that starts at zero is one Adam step,
 * ±lr·g/(|g|+ε), which float rounding of a near-zero g moves by more than 1e-4 of itself).
 */
function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string, scale = largest(expected)): void {
	assert.equal(actual.length, expected.length, `${what}: length`);
	for (let i = 0; i < expected.length; i++) {
		const difference = Math.abs(actual[i]! - expected[i]!);
		assert.ok(difference <= tolerance * scale, `${what}[${i}]: ${actual[i]} vs ${expected[i]} (scale ${scale})`);
	}
}

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
		tf = (await import('@tensorflow/tfjs-node')) as unknown as TF;
		const data = await loadMnist('train', {limit: 64});
		images = tf.tidy(() => tf.tensor4d(data.images, [data.count, 28, 28, 1], 'int32').toFloat().div(255));
		labels = tf.tidy(() => tf.oneHot(tf.tensor1d(data.labels, 'int32'), 10).toFloat());
	});
	after(() => tf.dispose([images, labels]));

	for (const preset of presetNames) {
		test(`${preset}: one step gives the eager path's loss and updated weights`, async () => {
			const eager = buildModel(tf, preset, 11, adam.learningRate);
			const graphModel = buildModel(tf, preset, 11, adam.learningRate);
			const trainer = await GraphTrainer.create(tf, graphModel, presetLayers(preset), adam);
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
					updated.forEach((weight, i) => assertClose(weight, reference[i]!, `layer ${index} weight ${i}`, scale));
					compared += updated.length;
				});
				assert.equal(compared, eager.getWeights().length);
				const initial = buildModel(tf, preset, 11, adam.learningRate);
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
