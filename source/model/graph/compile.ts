// Compiles a preset's layer list into one TensorFlow graph: forward pass, softmax
// cross-entropy, explicit gradients, Adam on every variable, and the signatures the
// trainer calls. Adam matches tf.train.adam step for step (see `adamStep`).
import {classCount, imageShape, type LayerSpec} from '../presets.js';
import {GraphBuilder, type AdamStep, type Operation, type Output, type Variable} from './builder.js';
import {GraphUnsupported, layerForward, parameterShapes, type LayerNode} from './layers.js';
import type {Signature, SignatureTensor} from './saved-model.js';

export const signatureNames = {train: 'train', evaluate: 'evaluate', predict: 'predict', weights: 'weights', reset: 'reset'} as const;
/** Signature input and output keys. */
export const keys = {images: 'x', labels: 'y', loss: 'loss', accuracy: 'accuracy', probabilities: 'probabilities', done: 'done'} as const;

export type AdamOptions = {learningRate: number; beta1: number; beta2: number; epsilon: number};
/** One trainable weight: which layer it belongs to, its key in the `weights` signature, its shape. */
export type WeightInfo = {layer: number; key: string; shape: readonly number[]};
export type TrainingGraph = {graph: GraphBuilder; init: Operation; signatures: Record<string, Signature>; weights: WeightInfo[]};

/**
 * `initialWeights[layer]` holds each layer's weights in tfjs order (kernel, bias), so the
 * graph starts from exactly the weights the eager model was built with.
 */
export function compileTrainingGraph(layers: readonly LayerSpec[], initialWeights: ReadonlyArray<readonly Float32Array[]>, adam: AdamOptions): TrainingGraph {
	if (layers.length === 0) throw new GraphUnsupported('The network has no layers.');
	const graph = new GraphBuilder();
	const images = graph.placeholder(keys.images, 'float', [-1, ...imageShape]);
	const labels = graph.placeholder(keys.labels, 'float', [-1, classCount]);
	const initializers: Operation[] = [];
	const weights: WeightInfo[] = [];
	const variables: Variable[][] = [];
	const reads: Output[][] = [];
	const weightOutputs: Record<string, SignatureTensor> = {};

	// Forward pass; each weight is a variable whose first value is a constant.
	const nodes: LayerNode[] = [];
	let input = images;
	let shape: readonly number[] = imageShape;
	layers.forEach((spec, layer) => {
		const shapes = parameterShapes(spec, shape);
		const values = initialWeights[layer] ?? [];
		if (values.length !== shapes.length) throw new Error(`Layer ${layer} (${spec.type}) has ${values.length} weights; the graph expects ${shapes.length}.`);
		variables[layer] = shapes.map((weightShape, index) => {
			const value = values[index]!;
			if (value.length !== weightShape.reduce((a, b) => a * b, 1)) throw new Error(`Weight ${index} of layer ${layer} does not have the shape [${weightShape.join(', ')}].`);
			const key = `layer${layer}_${index}`;
			const variable = graph.variable(key, weightShape);
			initializers.push(graph.assign(variable, graph.constant(value, weightShape)));
			weights.push({layer, key, shape: weightShape});
			return variable;
		});
		reads[layer] = variables[layer]!.map(variable => graph.read(variable));
		reads[layer]!.forEach((tensor, index) => (weightOutputs[`layer${layer}_${index}`] = {tensor, shape: shapes[index]!}));
		const node = layerForward(graph, spec, input, shape, reads[layer]!, layer === layers.length - 1);
		nodes.push(node);
		input = node.output;
		shape = node.shape;
	});
	const logits = input;

	// Loss and accuracy, with the loss's gradient with respect to the logits.
	const crossEntropy = graph.softmaxCrossEntropyWithLogits(logits, labels);
	const loss = graph.mean(crossEntropy.loss, [0]);
	const correct = graph.equal(graph.argMax(logits, 1), graph.argMax(labels, 1));
	const accuracy = graph.mean(graph.cast(correct, 'float'), [0]);
	const probabilities = graph.softmax(logits);

	// Backward pass, last layer first; no input gradient below the first weighted layer.
	const firstWeighted = variables.findIndex(list => list.length > 0);
	const gradients: Output[][] = [];
	let gradient = graph.div(crossEntropy.backprop, graph.count(crossEntropy.loss));
	for (let layer = layers.length - 1; layer >= 0 && layer >= firstWeighted; layer--) {
		const result = nodes[layer]!.backward(gradient, layer > firstWeighted);
		gradients[layer] = result.parameters;
		if (result.input) gradient = result.input;
	}

	// Adam: every update waits for all gradients, so no forward read sees a half-updated weight.
	const allGradients = gradients.flat();
	const gradientsDone = graph.group(allGradients);
	const step = graph.variable('adam_step', []);
	initializers.push(graph.assign(step, graph.scalar(0)));
	const nextStep = graph.add(graph.read(step), graph.scalar(1));
	const adamConstants = adamStep(graph, adam, nextStep);
	const updates: Operation[] = [];
	variables.forEach((list, layer) =>
		list.forEach((variable, index) => {
			const slots = {m: graph.variable(`${variable.node}_m`, variable.shape), v: graph.variable(`${variable.node}_v`, variable.shape)};
			initializers.push(graph.assign(slots.m, graph.fill(variable.shape, 0)), graph.assign(slots.v, graph.fill(variable.shape, 0)));
			updates.push(graph.applyAdam(variable, slots, adamConstants, gradients[layer]![index]!, {after: [gradientsDone]}));
		}),
	);
	updates.push(graph.assign(step, nextStep, {after: updates}));
	const trained = graph.group(updates, 'train_step');
	const init = graph.group(initializers, 'init');

	const scalar = (tensor: Output) => ({tensor, shape: []});
	const batch = (tensor: Output, ...rest: number[]) => ({tensor, shape: [-1, ...rest]});
	const x = {[keys.images]: batch(images, ...imageShape)};
	const y = {[keys.labels]: batch(labels, classCount)};
	return {
		graph,
		init,
		weights,
		signatures: {
			[signatureNames.train]: {
				inputs: {...x, ...y},
				outputs: {
					[keys.loss]: scalar(graph.identity(loss, {name: 'train_loss', after: [trained]})),
					[keys.accuracy]: scalar(graph.identity(accuracy, {name: 'train_accuracy', after: [trained]})),
				},
			},
			[signatureNames.evaluate]: {
				inputs: {...x, ...y},
				outputs: {[keys.loss]: scalar(loss), [keys.accuracy]: scalar(accuracy), [keys.probabilities]: batch(probabilities, classCount)},
			},
			[signatureNames.predict]: {inputs: x, outputs: {[keys.probabilities]: batch(probabilities, classCount)}},
			[signatureNames.weights]: {inputs: {}, outputs: weightOutputs},
			// Runs the init op again: every variable back to its first value, Adam to step 0.
			[signatureNames.reset]: {inputs: {}, outputs: {[keys.done]: scalar(graph.identity(graph.scalar(1), {name: 'reset_done', after: [init]}))}},
		},
	};
}

/**
 * tf.train.adam divides by (sqrt(v̂) + ε) with bias-corrected v̂; ResourceApplyAdam divides by
 * (sqrt(v) + ε̂). They are the same step when ε̂ = ε·sqrt(1 − β₂ᵗ).
 */
function adamStep(graph: GraphBuilder, {learningRate, beta1, beta2, epsilon}: AdamOptions, step: Output): AdamStep {
	const [b1, b2] = [graph.scalar(beta1), graph.scalar(beta2)];
	const beta2Power = graph.pow(b2, step);
	return {
		beta1Power: graph.pow(b1, step),
		beta2Power,
		learningRate: graph.scalar(learningRate),
		beta1: b1,
		beta2: b2,
		epsilon: graph.mul(graph.scalar(epsilon), graph.sqrt(graph.sub(graph.scalar(1), beta2Power))),
	};
}
