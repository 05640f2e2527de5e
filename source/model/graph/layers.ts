// Forward pass and explicit gradient of each layer type the presets use. A new layer type
// in a preset needs its case here (and the equivalence test in test/graph-*.test.ts).
import {batchNorm, type Activation, type LayerSpec} from '../presets.js';
import type {GraphBuilder, Output, PoolOptions, WindowOptions} from './builder.js';

/** Thrown when a preset uses something the graph compiler cannot express. */
export class GraphUnsupported extends Error {}

/** A layer placed in the graph: its output, and how to carry a gradient back through it. */
export type LayerNode = {
	output: Output;
	/** Static output shape without the batch dimension. */
	shape: readonly number[];
	/** Gradient of the input (when asked) and of each trainable parameter, in `parameters` order. */
	backward(outputGradient: Output, inputGradient: boolean): {input?: Output; parameters: Output[]};
	/** New values of the layer's non-trainable parameters after a training step (moving averages). */
	updates: Output[];
};

/** One of a layer's weights, in tfjs order; non-trainable ones are updated by the layer itself. */
export type ParameterInfo = {shape: readonly number[]; trainable: boolean};

/** How the forward pass runs: training (batch statistics, dropout on) or inference. */
export type ForwardMode = {training: boolean; final: boolean; seed: number};

/** The layer's weights in tfjs weight order (kernel, bias; gamma, beta, moving mean, moving variance). */
export function parameterShapes(spec: LayerSpec, inputShape: readonly number[]): ParameterInfo[] {
	const trainable = (...shapes: Array<readonly number[]>) => shapes.map(shape => ({shape, trainable: true}));
	const kernelAndBias = (kernel: readonly number[], units: number, useBias = true) => trainable(kernel, ...(useBias ? [[units]] : []));
	switch (spec.type) {
		case 'conv2d':
			return kernelAndBias([spec.kernelSize, spec.kernelSize, inputShape[2]!, spec.filters], spec.filters, spec.useBias);
		case 'dense':
			if (inputShape.length !== 1) throw new GraphUnsupported('A dense layer on a non-flat input is not supported by the graph trainer.');
			return kernelAndBias([inputShape[0]!, spec.units], spec.units, spec.useBias);
		case 'batchNormalization': {
			const channels = [inputShape.at(-1)!];
			return [...trainable(channels, channels), {shape: channels, trainable: false}, {shape: channels, trainable: false}];
		}
		case 'maxPooling2d':
		case 'flatten':
		case 'activation':
		case 'dropout':
			return [];
	}
}

/** The layer's output shape (without the batch dimension) for an input of `inputShape`. */
export function outputShape(spec: LayerSpec, inputShape: readonly number[]): readonly number[] {
	switch (spec.type) {
		case 'conv2d': {
			const shrink = spec.padding === 'same' ? 0 : spec.kernelSize - 1;
			return [inputShape[0]! - shrink, inputShape[1]! - shrink, spec.filters];
		}
		case 'dense':
			return [spec.units];
		case 'maxPooling2d':
			return [Math.floor(inputShape[0]! / spec.poolSize), Math.floor(inputShape[1]! / spec.poolSize), inputShape[2]!];
		case 'flatten':
			return [inputShape.reduce((a, b) => a * b, 1)];
		case 'batchNormalization':
		case 'activation':
		case 'dropout':
			return inputShape;
	}
}

/**
 * Adds the layer's forward ops reading `parameters` (values read from its variables, or constants).
 * `mode.final`: the network's last layer, whose softmax is folded into the loss (its output is the logits).
 */
export function layerForward(graph: GraphBuilder, spec: LayerSpec, input: Output, inputShape: readonly number[], parameters: readonly Output[], mode: ForwardMode): LayerNode {
	const shape = outputShape(spec, inputShape);
	const stateless = (output: Output, backward: (gradient: Output) => Output): LayerNode => ({
		output,
		shape,
		backward: gradient => ({input: backward(gradient), parameters: []}),
		updates: [],
	});
	switch (spec.type) {
		case 'conv2d': {
			const window: WindowOptions = {strides: 1, padding: spec.padding === 'same' ? 'SAME' : 'VALID'};
			const [kernel, bias] = parameters as [Output, Output | undefined];
			const kernelShape = parameterShapes(spec, inputShape)[0]!.shape;
			const linear = withBias(graph, graph.conv2d(input, kernel, window), bias);
			return withActivation(graph, spec.activation, mode.final, linear, shape, linearGradient => ({
				input: () => graph.conv2dBackpropInput(graph.shape(input), kernel, linearGradient, window),
				parameters: [graph.conv2dBackpropFilter(input, kernelShape, linearGradient, window), ...biasGradient(graph, linearGradient, bias)],
			}));
		}
		case 'dense': {
			const [kernel, bias] = parameters as [Output, Output | undefined];
			const linear = withBias(graph, graph.matMul(input, kernel), bias);
			return withActivation(graph, spec.activation, mode.final, linear, shape, linearGradient => ({
				input: () => graph.matMul(linearGradient, kernel, {transposeB: true}),
				parameters: [graph.matMul(input, linearGradient, {transposeA: true}), ...biasGradient(graph, linearGradient, bias)],
			}));
		}
		case 'batchNormalization':
			return batchNormalization(graph, input, inputShape, parameters, mode.training);
		case 'activation':
			if (mode.final) throw new GraphUnsupported('The graph trainer needs a dense softmax output layer.');
			return withActivation(graph, spec.activation, false, input, shape, gradient => ({input: () => gradient, parameters: []}));
		case 'dropout': {
			if (!mode.training || spec.rate === 0) return stateless(input, gradient => gradient);
			// Keep each value with probability 1 − rate and scale it by 1 / (1 − rate), as tf.layers.dropout does.
			const random = graph.randomUniform(graph.shape(input), mode.seed, 1);
			const keep = graph.cast(graph.greaterEqual(random, graph.scalar(spec.rate)), 'float');
			const mask = graph.mul(keep, graph.scalar(1 / (1 - spec.rate)));
			return stateless(graph.mul(input, mask), gradient => graph.mul(gradient, mask));
		}
		case 'maxPooling2d': {
			const pool: PoolOptions = {size: spec.poolSize, strides: spec.poolSize, padding: 'VALID'};
			const output = graph.maxPool(input, pool);
			return stateless(output, gradient => graph.maxPoolGrad(input, output, gradient, pool));
		}
		case 'flatten':
			return stateless(graph.reshape(input, [-1, shape[0]!]), gradient => graph.reshape(gradient, graph.shape(input)));
	}
}

/**
 * FusedBatchNormV3 wants NHWC, so a flat input goes through it as [batch, 1, 1, units].
 * Moving averages follow tf.layers.batchNormalization: m ← m − (m − batch)·(1 − momentum),
 * with the batch's plain (biased) variance.
 */
function batchNormalization(graph: GraphBuilder, input: Output, inputShape: readonly number[], parameters: readonly Output[], training: boolean): LayerNode {
	const [gamma, beta, movingMean, movingVariance] = parameters as [Output, Output, Output, Output];
	const flat = inputShape.length === 1;
	const x = flat ? graph.reshape(input, [-1, 1, 1, inputShape[0]!]) : input;
	const unflatten = (value: Output) => (flat ? graph.reshape(value, [-1, inputShape[0]!]) : value);
	const normalized = graph.fusedBatchNorm(x, gamma, beta, movingMean, movingVariance, {epsilon: batchNorm.epsilon, training});
	// Inference adds no more: the moving averages' updates exist only in training.
	const updates = (): Output[] => {
		const towards = (moving: Output, batch: Output) => graph.sub(moving, graph.mul(graph.sub(moving, batch), graph.scalar(1 - batchNorm.momentum)));
		// The fused op gives the variance with Bessel's correction; tfjs averages the plain one: × (n − 1) / n.
		const perChannel = graph.div(graph.count(x), graph.scalar(inputShape.at(-1)!));
		const plainVariance = graph.mul(normalized.batchVariance, graph.div(graph.sub(perChannel, graph.scalar(1)), perChannel));
		return [towards(movingMean, normalized.batchMean), towards(movingVariance, plainVariance)];
	};
	return {
		output: unflatten(normalized.y),
		shape: inputShape,
		updates: training ? updates() : [],
		backward(gradient, inputGradient) {
			const grads = graph.fusedBatchNormGrad(flat ? graph.reshape(gradient, [-1, 1, 1, inputShape[0]!]) : gradient, x, gamma, normalized.reserve, batchNorm.epsilon);
			return {input: inputGradient ? unflatten(grads.input) : undefined, parameters: [grads.scale, grads.offset]};
		},
	};
}

const withBias = (graph: GraphBuilder, value: Output, bias: Output | undefined) => (bias ? graph.biasAdd(value, bias) : value);
const biasGradient = (graph: GraphBuilder, linearGradient: Output, bias: Output | undefined) => (bias ? [graph.biasAddGrad(linearGradient)] : []);

type LinearBackward = (linearGradient: Output) => {input: () => Output; parameters: Output[]};

function withActivation(
	graph: GraphBuilder,
	activation: Activation,
	final: boolean,
	linear: Output,
	shape: readonly number[],
	backwardFromLinear: LinearBackward,
): LayerNode {
	if (activation === 'softmax' && !final) throw new GraphUnsupported('Softmax is supported by the graph trainer only as the last activation.');
	if (final && activation !== 'softmax') throw new GraphUnsupported('The graph trainer needs a softmax output layer (categorical cross-entropy).');
	const output = activation === 'relu' ? graph.relu(linear) : linear;
	return {
		output,
		shape,
		updates: [],
		backward(gradient, inputGradient) {
			const linearGradient = activation === 'relu' ? graph.reluGrad(gradient, output) : gradient;
			const {input, parameters} = backwardFromLinear(linearGradient);
			return {input: inputGradient ? input() : undefined, parameters};
		},
	};
}
