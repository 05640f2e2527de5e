// The graph trainer: compiles the preset into a SavedModel in a temporary folder, opens it
// in one TensorFlow session (tfjs-node), and runs one session call per training batch.
import type {LayersModel, NamedTensorMap, Tensor} from '@tensorflow/tfjs';
import {imageShape} from '../../digit-size.js';
import type {TF} from '../backend.js';
import type {LayerSpec} from '../presets.js';
import {compileTrainingGraph, keys, type AdamOptions, type WeightInfo} from './compile.js';
import {GraphUnsupported} from './layers.js';
import {openSignatures, type Session} from './saved-model.js';

export type BatchResult = {loss: number; accuracy: number};

export class GraphTrainer {
	private learningRate: Tensor;

	private constructor(
		private readonly tf: TF,
		private readonly sessions: Record<'train' | 'evaluate' | 'predict' | 'weights' | 'reset', Session>,
		private readonly weights: WeightInfo[],
		learningRate: number,
	) {
		this.learningRate = tf.scalar(learningRate);
	}

	/**
	 * Builds the graph from `layers` starting at `model`'s current weights; `seed` fixes the
	 * dropout masks. Throws with a short reason when the graph cannot be built, loaded or run.
	 */
	static async create(tf: TF, model: LayersModel, layers: readonly LayerSpec[], options: AdamOptions & {learningRate: number; seed: number}): Promise<GraphTrainer> {
		if (model.layers.length !== layers.length) throw new GraphUnsupported('the model does not match its preset');
		const initial = model.layers.map(layer => layer.getWeights().map(weight => weight.dataSync() as Float32Array));
		const compiled = compileTrainingGraph(layers, initial, options, options.seed);
		const sessions = await openSignatures(tf, compiled);
		const trainer = new GraphTrainer(tf, sessions, compiled.weights, options.learningRate);
		try {
			trainer.trialStep();
			trainer.check(model);
			return trainer;
		} catch (error) {
			trainer.dispose();
			throw error;
		}
	}

	/** The learning rate of the following steps (a schedule changes it between epochs). */
	setLearningRate(value: number): void {
		this.learningRate.dispose();
		this.learningRate = this.tf.scalar(value);
	}

	/** One training step (forward, loss, gradients, Adam) as one session call. */
	trainBatch(images: Tensor, labels: Tensor): BatchResult {
		const outputs = this.sessions.train.predict({[keys.images]: images, [keys.labels]: labels, [keys.learningRate]: this.learningRate});
		return this.scalars(outputs);
	}

	/** Loss and accuracy without training. */
	evaluateBatch(images: Tensor, labels: Tensor): BatchResult {
		const outputs = this.sessions.evaluate.predict({[keys.images]: images, [keys.labels]: labels});
		return this.scalars(outputs);
	}

	/** Class probabilities for a batch of images; the caller disposes the tensor. */
	predict(images: Tensor): Tensor {
		return this.sessions.predict.predict({[keys.images]: images})[keys.probabilities]!;
	}

	/** The graph's current weights, per layer in tfjs order. */
	readWeights(): Float32Array[][] {
		const outputs = this.sessions.weights.predict({});
		const layers: Float32Array[][] = [];
		for (const {layer, key} of this.weights) {
			const tensor = outputs[key]!;
			(layers[layer] ??= []).push(tensor.dataSync() as Float32Array);
		}
		this.tf.dispose(Object.values(outputs));
		return layers;
	}

	/** Copies the graph's weights into `model`, so it can validate and be saved as a layers model. */
	copyWeightsTo(model: LayersModel): void {
		const values = this.readWeights();
		model.layers.forEach((layer, index) => {
			const current = layer.getWeights();
			if (current.length === 0) return;
			const tensors = values[index]!.map((value, i) => this.tf.tensor(value, current[i]!.shape));
			layer.setWeights(tensors);
			this.tf.dispose(tensors);
		});
	}

	dispose(): void {
		for (const session of Object.values(this.sessions)) session.dispose();
		this.learningRate.dispose();
	}

	private scalars(outputs: NamedTensorMap): BatchResult {
		const loss = outputs[keys.loss]!;
		const accuracy = outputs[keys.accuracy]!;
		const result = {loss: loss.dataSync()[0]!, accuracy: accuracy.dataSync()[0]!};
		this.tf.dispose(Object.values(outputs));
		return result;
	}

	/** One step on two blank images, then back to the first weights: every op of a step has run once. */
	private trialStep(): void {
		const [images, labels] = [this.tf.zeros([2, ...imageShape]), this.tf.oneHot(this.tf.tensor1d([0, 1], 'int32'), 10).toFloat()];
		try {
			const {loss} = this.trainBatch(images, labels);
			if (!Number.isFinite(loss)) throw new Error(`a trial step gave the loss ${loss}`);
		} finally {
			this.tf.dispose([images, labels]);
		}
		this.tf.dispose(Object.values(this.sessions.reset.predict({})));
	}

	/** The graph holds exactly the model's weights. */
	private check(model: LayersModel): void {
		const values = this.readWeights();
		model.layers.forEach((layer, index) =>
			layer.getWeights().forEach((weight, i) => {
				const expected = weight.dataSync();
				const actual = values[index]?.[i];
				if (!actual || actual.length !== expected.length || actual.some((value, k) => value !== expected[k])) {
					throw new Error(`the graph's first weights differ from the model's (layer ${index}, weight ${i})`);
				}
			}),
		);
	}
}
