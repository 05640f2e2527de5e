// Forward pass and explicit gradient of each layer type the presets use. A new layer type
// in a preset needs its case here (and the equivalence test in test/graph-*.test.ts).
import type {Activation, LayerSpec} from '../presets.js';
import type {GraphBuilder, Output, PoolOptions, WindowOptions} from './builder.js';

/** Thrown when a preset uses something the graph compiler cannot express. */
export class GraphUnsupported extends Error {}

/** A layer placed in the graph: its output, and how to carry a gradient back through it. */
export type LayerNode = {
	output: Output;
	/** Static output shape without the batch dimension. */
	shape: readonly number[];
	/** Gradient of the input (when asked) and of each parameter, in `parameters` order. */
	backward(outputGradient: Output, inputGradient: boolean): {input?: Output; parameters: Output[]};
};

/** The layer's variables in tfjs weight order (kernel, bias) with their shapes. */
export function parameterShapes(spec: LayerSpec, inputShape: readonly number[]): Array<readonly number[]> {
	switch (spec.type) {
		case 'conv2d':
			return [[spec.kernelSize, spec.kernelSize, inputShape[2]!, spec.filters], [spec.filters]];
		case 'dense':
			if (inputShape.length !== 1) throw new GraphUnsupported('A dense layer on a non-flat input is not supported by the graph trainer.');
			return [[inputShape[0]!, spec.units], [spec.units]];
		case 'maxPooling2d':
		case 'flatten':
			return [];
	}
}

/**
 * Adds the layer's forward ops reading `parameters` (values read from its variables).
 * `final`: the network's last layer, whose softmax is folded into the loss (its output is the logits).
 */
export function layerForward(
	graph: GraphBuilder,
	spec: LayerSpec,
	input: Output,
	inputShape: readonly number[],
	parameters: readonly Output[],
	final: boolean,
): LayerNode {
	switch (spec.type) {
		case 'conv2d': {
			const window: WindowOptions = {strides: 1, padding: 'VALID'};
			const [kernel, bias] = parameters as [Output, Output];
			const kernelShape = parameterShapes(spec, inputShape)[0]!;
			const linear = graph.biasAdd(graph.conv2d(input, kernel, window), bias);
			const shape = [inputShape[0]! - spec.kernelSize + 1, inputShape[1]! - spec.kernelSize + 1, spec.filters];
			return withActivation(graph, spec.activation, final, linear, shape, linearGradient => ({
				input: () => graph.conv2dBackpropInput(graph.shape(input), kernel, linearGradient, window),
				parameters: [graph.conv2dBackpropFilter(input, kernelShape, linearGradient, window), graph.biasAddGrad(linearGradient)],
			}));
		}
		case 'dense': {
			const [kernel, bias] = parameters as [Output, Output];
			const linear = graph.biasAdd(graph.matMul(input, kernel), bias);
			return withActivation(graph, spec.activation, final, linear, [spec.units], linearGradient => ({
				input: () => graph.matMul(linearGradient, kernel, {transposeB: true}),
				parameters: [graph.matMul(input, linearGradient, {transposeA: true}), graph.biasAddGrad(linearGradient)],
			}));
		}
		case 'maxPooling2d': {
			const pool: PoolOptions = {size: spec.poolSize, strides: spec.poolSize, padding: 'VALID'};
			const output = graph.maxPool(input, pool);
			const shape = [Math.floor(inputShape[0]! / spec.poolSize), Math.floor(inputShape[1]! / spec.poolSize), inputShape[2]!];
			return {output, shape, backward: gradient => ({input: graph.maxPoolGrad(input, output, gradient, pool), parameters: []})};
		}
		case 'flatten': {
			const size = inputShape.reduce((a, b) => a * b, 1);
			return {
				output: graph.reshape(input, [-1, size]),
				shape: [size],
				backward: gradient => ({input: graph.reshape(gradient, graph.shape(input)), parameters: []}),
			};
		}
	}
}

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
		backward(gradient, inputGradient) {
			const linearGradient = activation === 'relu' ? graph.reluGrad(gradient, output) : gradient;
			const {input, parameters} = backwardFromLinear(linearGradient);
			return {input: inputGradient ? input() : undefined, parameters};
		},
	};
}
