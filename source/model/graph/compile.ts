// Compiles a preset's layer list into one TensorFlow graph: forward pass, softmax
// cross-entropy, explicit gradients, Adam on every variable, and the signatures the
// trainer calls. Adam matches tf.train.adam step for step (see `adamStep`).
import {imageShape} from '../../digit-size.js';
import {classCount, type LayerSpec} from '../presets.js';
import {GraphBuilder, type AdamStep, type Operation, type Output, type Variable} from './builder.js';
import {GraphUnsupported, layerForward, outputShape, parameterShapes, type LayerNode, type ParameterInfo} from './layers.js';
import type {Signature, SignatureTensor} from './saved-model.js';

export const signatureNames = {train: 'train', evaluate: 'evaluate', predict: 'predict', weights: 'weights', reset: 'reset'} as const;
/** Signature input and output keys. */
export const keys = {images: 'x', labels: 'y', learningRate: 'learning_rate', loss: 'loss', accuracy: 'accuracy', probabilities: 'probabilities', done: 'done'} as const;

export type AdamOptions = {beta1: number; beta2: number; epsilon: number};
/** One trainable weight: which layer it belongs to, its key in the `weights` signature, its shape. */
export type WeightInfo = {layer: number; key: string; shape: readonly number[]};
export type TrainingGraph = {graph: GraphBuilder; init: Operation; signatures: Record<keyof typeof signatureNames, Signature>; weights: WeightInfo[]};

/** How a network's weights enter the graph: one value per weight, in tfjs order. */
type WeightSource = (layer: number, index: number, info: ParameterInfo) => Output;

/** The forward pass of `layers` on `input`: each layer's node, and the logits. */
export function forward(graph: GraphBuilder, layers: readonly LayerSpec[], input: Output, parameters: Output[][], training: boolean, seed: number): {nodes: LayerNode[]; logits: Output} {
	const nodes: LayerNode[] = [];
	let output = input;
	let shape: readonly number[] = imageShape;
	layers.forEach((spec, layer) => {
		const node = layerForward(graph, spec, output, shape, parameters[layer]!, {training, final: layer === layers.length - 1, seed: seed + layer});
		nodes.push(node);
		output = node.output;
		shape = node.shape;
	});
	return {nodes, logits: output};
}

/** Every layer's weights through `source`, checking the shapes the layers expect. */
export function placeWeights(layers: readonly LayerSpec[], initialWeights: ReadonlyArray<readonly Float32Array[]>, source: WeightSource): {infos: ParameterInfo[][]; values: Output[][]} {
	if (layers.length === 0) throw new GraphUnsupported('The network has no layers.');
	const infos: ParameterInfo[][] = [];
	const values: Output[][] = [];
	let shape: readonly number[] = imageShape;
	layers.forEach((spec, layer) => {
		const list = parameterShapes(spec, shape);
		const given = initialWeights[layer] ?? [];
		if (given.length !== list.length) throw new Error(`Layer ${layer} (${spec.type}) has ${given.length} weights; the graph expects ${list.length}.`);
		list.forEach((info, index) => {
			if (given[index]!.length !== info.shape.reduce((a, b) => a * b, 1)) throw new Error(`Weight ${index} of layer ${layer} does not have the shape [${info.shape.join(', ')}].`);
		});
		infos[layer] = list;
		values[layer] = list.map((info, index) => source(layer, index, info));
		shape = outputShape(spec, shape);
	});
	return {infos, values};
}

/** Mean loss, accuracy and probabilities of a forward pass, and the loss's gradient for the logits. */
function head(graph: GraphBuilder, logits: Output, labels: Output) {
	const crossEntropy = graph.softmaxCrossEntropyWithLogits(logits, labels);
	return {
		loss: graph.mean(crossEntropy.loss, [0]),
		accuracy: graph.mean(graph.cast(graph.equal(graph.argMax(logits, 1), graph.argMax(labels, 1)), 'float'), [0]),
		logitsGradient: () => graph.div(crossEntropy.backprop, graph.count(crossEntropy.loss)),
	};
}

const scalarTensor = (tensor: Output): SignatureTensor => ({tensor, shape: []});
const batchTensor = (tensor: Output, ...rest: number[]): SignatureTensor => ({tensor, shape: [-1, ...rest]});

/**
 * `initialWeights[layer]` holds each layer's weights in tfjs order (kernel, bias), so the
 * graph starts from exactly the weights the eager model was built with. `seed` fixes the
 * dropout masks. The train signature takes the learning rate, so a schedule can change it.
 */
export function compileTrainingGraph(layers: readonly LayerSpec[], initialWeights: ReadonlyArray<readonly Float32Array[]>, adam: AdamOptions, seed = 1): TrainingGraph {
	const graph = new GraphBuilder();
	const images = graph.placeholder(keys.images, 'float', [-1, ...imageShape]);
	const labels = graph.placeholder(keys.labels, 'float', [-1, classCount]);
	const learningRate = graph.placeholder(keys.learningRate, 'float', []);
	const initializers: Operation[] = [];
	const weights: WeightInfo[] = [];
	const variables: Variable[][] = [];
	const weightOutputs: Record<string, SignatureTensor> = {};

	// Each weight is a variable whose first value is a constant.
	const {infos, values: reads} = placeWeights(layers, initialWeights, (layer, index, {shape}) => {
		const key = `layer${layer}_${index}`;
		const variable = graph.variable(key, shape);
		initializers.push(graph.assign(variable, graph.constant(initialWeights[layer]![index]!, shape)));
		weights.push({layer, key, shape});
		(variables[layer] ??= []).push(variable);
		const value = graph.read(variable);
		weightOutputs[key] = {tensor: value, shape};
		return value;
	});

	// Training forward pass and its loss; the inference pass (moving statistics, no dropout) for the rest.
	const trainPass = forward(graph, layers, images, reads, true, seed);
	const trainHead = head(graph, trainPass.logits, labels);
	const inference = forward(graph, layers, images, reads, false, seed);
	const inferenceHead = head(graph, inference.logits, labels);
	const probabilities = graph.softmax(inference.logits);

	// Backward pass, last layer first; no input gradient below the first weighted layer.
	const firstWeighted = infos.findIndex(list => list.length > 0);
	const gradients: Output[][] = [];
	let gradient = trainHead.logitsGradient();
	for (let layer = layers.length - 1; layer >= 0 && layer >= firstWeighted; layer--) {
		const result = trainPass.nodes[layer]!.backward(gradient, layer > firstWeighted);
		gradients[layer] = result.parameters;
		if (result.input) gradient = result.input;
	}

	// Adam: every update waits for all gradients, so no forward read sees a half-updated weight.
	const gradientsDone = graph.group(gradients.flat());
	const step = graph.variable('adam_step', []);
	initializers.push(graph.assign(step, graph.scalar(0)));
	const nextStep = graph.add(graph.read(step), graph.scalar(1));
	const adamConstants = adamStep(graph, {...adam, learningRate}, nextStep);
	const updates: Operation[] = [];
	infos.forEach((list, layer) => {
		let trainable = 0;
		let moving = 0;
		list.forEach((info, index) => {
			const variable = variables[layer]![index]!;
			if (!info.trainable) {
				updates.push(graph.assign(variable, trainPass.nodes[layer]!.updates[moving++]!, {after: [gradientsDone]}));
				return;
			}
			const slots = {m: graph.variable(`${variable.node}_m`, variable.shape), v: graph.variable(`${variable.node}_v`, variable.shape)};
			initializers.push(graph.assign(slots.m, graph.fill(variable.shape, 0)), graph.assign(slots.v, graph.fill(variable.shape, 0)));
			updates.push(graph.applyAdam(variable, slots, adamConstants, gradients[layer]![trainable++]!, {after: [gradientsDone]}));
		});
	});
	updates.push(graph.assign(step, nextStep, {after: updates}));
	const trained = graph.group(updates, 'train_step');
	const init = graph.group(initializers, 'init');

	const x = {[keys.images]: batchTensor(images, ...imageShape)};
	const y = {[keys.labels]: batchTensor(labels, classCount)};
	return {
		graph,
		init,
		weights,
		signatures: {
			[signatureNames.train]: {
				inputs: {...x, ...y, [keys.learningRate]: scalarTensor(learningRate)},
				outputs: {
					[keys.loss]: scalarTensor(graph.identity(trainHead.loss, {name: 'train_loss', after: [trained]})),
					[keys.accuracy]: scalarTensor(graph.identity(trainHead.accuracy, {name: 'train_accuracy', after: [trained]})),
				},
			},
			[signatureNames.evaluate]: {
				inputs: {...x, ...y},
				outputs: {[keys.loss]: scalarTensor(inferenceHead.loss), [keys.accuracy]: scalarTensor(inferenceHead.accuracy), [keys.probabilities]: batchTensor(probabilities, classCount)},
			},
			[signatureNames.predict]: {inputs: x, outputs: {[keys.probabilities]: batchTensor(probabilities, classCount)}},
			[signatureNames.weights]: {inputs: {}, outputs: weightOutputs},
			// Runs the init op again: every variable back to its first value, Adam to step 0.
			[signatureNames.reset]: {inputs: {}, outputs: {[keys.done]: scalarTensor(graph.identity(graph.scalar(1), {name: 'reset_done', after: [init]}))}},
		},
	};
}

/** Inference only, weights as constants: one `predict` signature (x → probabilities). */
export function compileInferenceGraph(layers: readonly LayerSpec[], weights: ReadonlyArray<readonly Float32Array[]>): {graph: GraphBuilder; init: Operation; signatures: {predict: Signature}} {
	const graph = new GraphBuilder();
	const images = graph.placeholder(keys.images, 'float', [-1, ...imageShape]);
	const {values} = placeWeights(layers, weights, (layer, index, {shape}) => graph.constant(weights[layer]![index]!, shape));
	const probabilities = graph.softmax(forward(graph, layers, images, values, false, 0).logits);
	return {
		graph,
		init: graph.group([], 'init'),
		signatures: {[signatureNames.predict]: {inputs: {[keys.images]: batchTensor(images, ...imageShape)}, outputs: {[keys.probabilities]: batchTensor(probabilities, classCount)}}},
	};
}

/**
 * tf.train.adam divides by (sqrt(v̂) + ε) with bias-corrected v̂; ResourceApplyAdam divides by
 * (sqrt(v) + ε̂). They are the same step when ε̂ = ε·sqrt(1 − β₂ᵗ).
 */
function adamStep(graph: GraphBuilder, {learningRate, beta1, beta2, epsilon}: AdamOptions & {learningRate: Output}, step: Output): AdamStep {
	const [b1, b2] = [graph.scalar(beta1), graph.scalar(beta2)];
	const beta2Power = graph.pow(b2, step);
	return {
		beta1Power: graph.pow(b1, step),
		beta2Power,
		learningRate,
		beta1: b1,
		beta2: b2,
		epsilon: graph.mul(graph.scalar(epsilon), graph.sqrt(graph.sub(graph.scalar(1), beta2Power))),
	};
}
