// The graph trainer: compiles the preset into a SavedModel in a temporary folder, opens it
// in one TensorFlow session (tfjs-node), and runs one session call per training batch.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {LayersModel, NamedTensorMap, Tensor} from '@tensorflow/tfjs';
import type {TF} from '../backend.js';
import type {LayerSpec} from '../presets.js';
import {compileTrainingGraph, keys, signatureNames, type AdamOptions, type WeightInfo} from './compile.js';
import {GraphUnsupported} from './layers.js';
import {savedModelTag, writeSavedModel} from './saved-model.js';

type Session = {predict(inputs: NamedTensorMap): NamedTensorMap; dispose(): void};
type NodeApi = {node?: {loadSavedModel(dir: string, tags: string[], signature: string): Promise<Session>}};

export type BatchResult = {loss: number; accuracy: number};

export class GraphTrainer {
	private constructor(
		private readonly tf: TF,
		private readonly sessions: Record<keyof typeof signatureNames, Session>,
		private readonly weights: WeightInfo[],
	) {}

	/**
	 * Builds the graph from `layers` starting at `model`'s current weights. Throws with a
	 * short reason when the graph cannot be built, loaded or run.
	 */
	static async create(tf: TF, model: LayersModel, layers: readonly LayerSpec[], adam: AdamOptions): Promise<GraphTrainer> {
		const load = (tf as unknown as NodeApi).node?.loadSavedModel;
		if (!load) throw new GraphUnsupported('the native TensorFlow backend is not loaded');
		if (model.layers.length !== layers.length) throw new GraphUnsupported('the model does not match its preset');
		const initial = model.layers.map(layer => layer.getWeights().map(weight => weight.dataSync() as Float32Array));
		const {graph, init, signatures, weights} = compileTrainingGraph(layers, initial, adam);
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digits-graph-'));
		const opened: Session[] = [];
		try {
			writeSavedModel(dir, graph, init, signatures);
			const open = async (name: string) => {
				const session = await load(dir, [savedModelTag], name);
				opened.push(session);
				return session;
			};
			const sessions = {
				train: await open(signatureNames.train),
				evaluate: await open(signatureNames.evaluate),
				predict: await open(signatureNames.predict),
				weights: await open(signatureNames.weights),
				reset: await open(signatureNames.reset),
			};
			const trainer = new GraphTrainer(tf, sessions, weights);
			trainer.trialStep();
			trainer.check(model);
			return trainer;
		} catch (error) {
			for (const session of opened) session.dispose();
			throw error;
		} finally {
			// The session holds the whole graph once loaded: the folder is not needed any more.
			fs.rmSync(dir, {recursive: true, force: true});
		}
	}

	/** One training step (forward, loss, gradients, Adam) as one session call. */
	trainBatch(images: Tensor, labels: Tensor): BatchResult {
		const outputs = this.sessions.train.predict({[keys.images]: images, [keys.labels]: labels});
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
		const [images, labels] = [this.tf.zeros([2, 28, 28, 1]), this.tf.oneHot(this.tf.tensor1d([0, 1], 'int32'), 10).toFloat()];
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
