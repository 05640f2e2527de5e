// `digits export`: a model as a TensorFlow SavedModel in the layout TensorFlow Serving
// loads, OUT/<version>/saved_model.pb and OUT/<version>/variables/.
//
// The weights are Const nodes of the graph (as in the fast predictor, predictor.ts), so
// variables/ stays empty: with no variables there is no saver, and TensorFlow's loaders
// (C++, hence TensorFlow Serving and tfjs-node; Python's tf.saved_model.load and
// saved_model_cli) restore nothing and accept the folder. Real variables would need a
// TensorBundle checkpoint (a LevelDB-style table of BundleEntryProto) and gain nothing
// for a model that is only served.
import fs from 'node:fs';
import path from 'node:path';
import type {LayersModel, Tensor} from '@tensorflow/tfjs';
import {imageShape} from '../../digit-size.js';
import type {TF} from '../backend.js';
import {classCount, type LayerSpec} from '../presets.js';
import {GraphBuilder} from './builder.js';
import {forward, placeWeights} from './compile.js';
import {GraphUnsupported} from './layers.js';
import {savedModelTag, writeSavedModel, type Session, type Signature} from './saved-model.js';

/** The one signature, its input and its output, as TensorFlow Serving's clients name them. */
export const servingSignature = {name: 'serving_default', input: 'image', output: 'probabilities'} as const;

/** Largest difference from the model's own probabilities the export may show on its check batch. */
export const exportAgreement = 1e-5;

export type ExportResult = {
	/** The version folder written, OUT/<version>. */
	path: string;
	version: number;
	/** Largest difference from the model's probabilities on a check batch; null when no native session could run it. */
	difference: number | null;
};

/**
 * The inference graph with weights as constants: `image` [-1, 28, 28, 1] in 0..1 → softmax
 * `probabilities` [-1, 10]. Only forward ops: Conv2D, BiasAdd, Relu, FusedBatchNormV3
 * (inference), MaxPool, Reshape, MatMul, Softmax.
 */
export function compileServingGraph(layers: readonly LayerSpec[], weights: ReadonlyArray<readonly Float32Array[]>): {graph: GraphBuilder; signature: Signature} {
	const graph = new GraphBuilder();
	const image = graph.placeholder(servingSignature.input, 'float', [-1, ...imageShape]);
	const {values} = placeWeights(layers, weights, (layer, index, {shape}) => graph.constant(weights[layer]![index]!, shape));
	const probabilities = graph.softmax(forward(graph, layers, image, values, false, 0).logits, {name: servingSignature.output});
	return {
		graph,
		signature: {
			inputs: {[servingSignature.input]: {tensor: image, shape: [-1, ...imageShape]}},
			outputs: {[servingSignature.output]: {tensor: probabilities, shape: [-1, classCount]}},
		},
	};
}

/** Writes the SavedModel of `model` (built from `layers`, its preset) into `dir`, which must not exist. */
export function writeServingModel(model: LayersModel, layers: readonly LayerSpec[], dir: string): void {
	if (model.layers.length !== layers.length) throw new GraphUnsupported('the model does not match its preset');
	const weights = model.layers.map(layer => layer.getWeights().map(weight => weight.dataSync() as Float32Array));
	const {graph, signature} = compileServingGraph(layers, weights);
	fs.mkdirSync(dir);
	writeSavedModel(dir, graph, undefined, {[servingSignature.name]: signature});
	fs.mkdirSync(path.join(dir, 'variables'));
}

type NodeApi = {node?: {loadSavedModel: (dir: string, tags: string[], signature: string) => Promise<Session>}};

/**
 * Loads the SavedModel in `dir` as TensorFlow Serving would (tag `serve`, `serving_default`)
 * and compares its probabilities with the model's on a batch of `probe` images; null on a
 * backend without native sessions.
 */
export async function checkServingModel(tf: TF, model: LayersModel, dir: string, probe: Tensor): Promise<number | null> {
	const load = (tf as unknown as NodeApi).node?.loadSavedModel;
	if (!load) return null;
	const session = await load(dir, [savedModelTag], servingSignature.name);
	try {
		const fromExport = session.predict({[servingSignature.input]: probe})[servingSignature.output]!;
		const fromModel = model.predict(probe) as Tensor;
		const difference = tf.tidy(() => fromExport.sub(fromModel).abs().max().dataSync()[0]!);
		tf.dispose([fromExport, fromModel]);
		return difference;
	} finally {
		session.dispose();
	}
}

/**
 * The version numbers already in `out`: its entries named by a positive integer, as
 * TensorFlow Serving reads them (a file of such a name counts too: that name is taken).
 */
export function servingVersions(out: string): number[] {
	let names: string[];
	try {
		names = fs.readdirSync(out);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
		throw error;
	}
	return names.filter(name => /^[1-9]\d{0,14}$/.test(name)).map(Number);
}

/**
 * Exports `model` into `out` as the next version (1 in a new or empty folder, else one more
 * than the highest there): written into a hidden temporary folder inside `out`, checked
 * against the model, then renamed into place, so that TensorFlow Serving watching `out`
 * never sees a half-written version.
 */
export async function exportServingModel(tf: TF, model: LayersModel, layers: readonly LayerSpec[], out: string): Promise<ExportResult> {
	fs.mkdirSync(out, {recursive: true});
	const temporary = fs.mkdtempSync(path.join(out, '.digits-export-'));
	const staged = path.join(temporary, 'model');
	try {
		writeServingModel(model, layers, staged);
		const probe = tf.randomUniform([8, ...imageShape], 0, 1, 'float32', 11);
		const difference = await checkServingModel(tf, model, staged, probe).finally(() => probe.dispose());
		if (difference !== null && !(difference <= exportAgreement)) {
			throw new GraphUnsupported(`the exported graph's probabilities differ from the model's by ${difference}`);
		}
		// The version is chosen right before the rename; another export that took it meanwhile makes it try the next.
		for (let attempt = 0; ; attempt++) {
			const version = Math.max(0, ...servingVersions(out)) + 1;
			const target = path.join(out, String(version));
			try {
				fs.renameSync(staged, target);
				return {path: target, version, difference};
			} catch (error) {
				const code = (error as NodeJS.ErrnoException).code;
				if (attempt >= 10 || (code !== 'ENOTEMPTY' && code !== 'EEXIST')) throw error;
			}
		}
	} finally {
		fs.rmSync(temporary, {recursive: true, force: true});
	}
}
