// Inference as one TensorFlow session call: a loaded model's weights become constants of a
// small graph (its preset's forward pass, inference mode). A single image takes about a
// quarter of the time of the layers model's op-by-op predict (see bench/bench.ts).
import type {LayersModel, Tensor} from '@tensorflow/tfjs';
import {imageShape} from '../../digit-size.js';
import type {TF} from '../backend.js';
import type {Predictor} from '../inference.js';
import type {LayerSpec} from '../presets.js';
import {compileInferenceGraph, keys} from './compile.js';
import {GraphUnsupported} from './layers.js';
import {openSignatures} from './saved-model.js';

/** Largest difference from the layers model's probabilities that the graph may show on a probe batch. */
const agreement = 1e-4;

/**
 * A predictor for `model` built from `layers` (its preset). Throws with a short reason when
 * the graph cannot be built or does not give the model's own answers on a probe batch.
 */
export async function graphPredictor(tf: TF, model: LayersModel, layers: readonly LayerSpec[]): Promise<Required<Predictor>> {
	if (model.layers.length !== layers.length) throw new GraphUnsupported('the model does not match its preset');
	const weights = model.layers.map(layer => layer.getWeights().map(weight => weight.dataSync() as Float32Array));
	const {predict: session} = await openSignatures(tf, compileInferenceGraph(layers, weights));
	const predictor = {
		predict: (images: Tensor) => session.predict({[keys.images]: images})[keys.probabilities]!,
		dispose: () => session.dispose(),
	};
	const probe = tf.randomUniform([4, ...imageShape], 0, 1, 'float32', 7);
	const [fromGraph, fromModel] = [predictor.predict(probe), model.predict(probe) as Tensor];
	const difference = tf.tidy(() => fromGraph.sub(fromModel).abs().max().dataSync()[0]!);
	tf.dispose([probe, fromGraph, fromModel]);
	if (!(difference <= agreement)) {
		predictor.dispose();
		throw new GraphUnsupported(`the graph's probabilities differ from the model's by ${difference}`);
	}
	return predictor;
}
