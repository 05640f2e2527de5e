// A small typed builder over TensorFlow's NodeDef: one method per op the graph trainer
// uses, so op names, attribute names and their types live here and nowhere else.
import {DataType, messages, shapeProto, type AttrValueProto, type DType, type GraphDefProto, type NodeDefProto} from './proto.js';

/** One output of a node: `node:index` in TensorFlow's naming. */
export type Output = {readonly node: string; readonly index: number; readonly dtype: DType};
/** A node used only for what it does (an assignment, an optimizer step, a group). */
export type Operation = {readonly node: string};
/** A resource variable's handle and the shape of its value. */
export type Variable = Output & {readonly shape: readonly number[]};

export type Padding = 'VALID' | 'SAME';
export type WindowOptions = {strides: number; padding: Padding};
export type PoolOptions = WindowOptions & {size: number};
type NodeOptions = {name?: string; after?: readonly Operation[]};

// Graphs older than this producer version get legacy op semantics; ours is a modern graph.
const producerVersion = 1200;

export const tensorName = (output: Output) => `${output.node}:${output.index}`;

export class GraphBuilder {
	private readonly nodes: NodeDefProto[] = [];
	private readonly names = new Set<string>();
	private counter = 0;

	placeholder(name: string, dtype: DType, shape: readonly number[]): Output {
		return this.output(this.node('Placeholder', [], {dtype: type(dtype), shape: shapeAttr(shape)}, {name}), dtype);
	}

	constant(values: Float32Array | Int32Array, shape: readonly number[]): Output {
		const dtype: DType = values instanceof Float32Array ? 'float' : 'int32';
		const tensor = new (messages().Tensor)();
		tensor.setDtype(DataType[dtype]);
		tensor.setTensorShape(shapeProto(shape));
		tensor.setTensorContent(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
		const value = attr();
		value.setTensor(tensor);
		return this.output(this.node('Const', [], {dtype: type(dtype), value}), dtype);
	}

	scalar(value: number, dtype: 'float' | 'int32' = 'float'): Output {
		return this.constant(dtype === 'float' ? Float32Array.of(value) : Int32Array.of(value), []);
	}

	ints(values: readonly number[]): Output {
		return this.constant(Int32Array.from(values), [values.length]);
	}

	/** A float resource variable; `VarHandleOp` with its own name as the shared name. */
	variable(name: string, shape: readonly number[]): Variable {
		const node = this.node('VarHandleOp', [], {dtype: type('float'), shape: shapeAttr(shape), shared_name: string(name), container: string('')}, {name});
		return {node, index: 0, dtype: 'resource', shape};
	}

	read(variable: Variable, options: NodeOptions = {}): Output {
		return this.output(this.node('ReadVariableOp', [variable], {dtype: type('float')}, options), 'float');
	}

	assign(variable: Variable, value: Output, options: NodeOptions = {}): Operation {
		return {node: this.node('AssignVariableOp', [variable, value], {dtype: type('float')}, options)};
	}

	fill(shape: readonly number[], value: number): Output {
		return this.output(this.node('Fill', [this.ints(shape), this.scalar(value)], {T: type('float'), index_type: type('int32')}), 'float');
	}

	conv2d(input: Output, filter: Output, options: WindowOptions): Output {
		return this.float('Conv2D', [input, filter], convAttrs(options));
	}

	conv2dBackpropInput(inputSizes: Output, filter: Output, outputGradient: Output, options: WindowOptions): Output {
		return this.float('Conv2DBackpropInput', [inputSizes, filter, outputGradient], convAttrs(options));
	}

	conv2dBackpropFilter(input: Output, filterShape: readonly number[], outputGradient: Output, options: WindowOptions): Output {
		return this.float('Conv2DBackpropFilter', [input, this.ints(filterShape), outputGradient], convAttrs(options));
	}

	biasAdd(value: Output, bias: Output): Output {
		return this.float('BiasAdd', [value, bias], {T: type('float'), data_format: string('NHWC')});
	}

	biasAddGrad(outputGradient: Output): Output {
		return this.float('BiasAddGrad', [outputGradient], {T: type('float'), data_format: string('NHWC')});
	}

	relu(features: Output): Output {
		return this.float('Relu', [features], {T: type('float')});
	}

	/** `activations` may be Relu's input or its output: only their sign matters. */
	reluGrad(gradients: Output, activations: Output): Output {
		return this.float('ReluGrad', [gradients, activations], {T: type('float')});
	}

	maxPool(input: Output, options: PoolOptions): Output {
		return this.float('MaxPool', [input], poolAttrs(options));
	}

	maxPoolGrad(input: Output, output: Output, outputGradient: Output, options: PoolOptions): Output {
		return this.float('MaxPoolGrad', [input, output, outputGradient], poolAttrs(options));
	}

	matMul(a: Output, b: Output, {transposeA = false, transposeB = false} = {}): Output {
		return this.float('MatMul', [a, b], {T: type('float'), transpose_a: bool(transposeA), transpose_b: bool(transposeB)});
	}

	/** `shape` is fixed numbers (-1 once for the batch) or another tensor's run-time shape. */
	reshape(value: Output, shape: readonly number[] | Output): Output {
		const target = Array.isArray(shape) ? this.ints(shape) : (shape as Output);
		return this.output(this.node('Reshape', [value, target], {T: type(value.dtype), Tshape: type('int32')}), value.dtype);
	}

	shape(value: Output): Output {
		return this.output(this.node('Shape', [value], {T: type(value.dtype), out_type: type('int32')}), 'int32');
	}

	/** Number of elements, as a float (for averaging over a batch of run-time size). */
	count(value: Output): Output {
		const size = this.output(this.node('Size', [value], {T: type(value.dtype), out_type: type('int32')}), 'int32');
		return this.cast(size, 'float');
	}

	softmax(logits: Output, options: NodeOptions = {}): Output {
		return this.output(this.node('Softmax', [logits], {T: type('float')}, options), 'float');
	}

	/** Per-example loss and its gradient with respect to the logits. */
	softmaxCrossEntropyWithLogits(logits: Output, labels: Output): {loss: Output; backprop: Output} {
		const node = this.node('SoftmaxCrossEntropyWithLogits', [logits, labels], {T: type('float')});
		return {loss: this.output(node, 'float', 0), backprop: this.output(node, 'float', 1)};
	}

	mean(value: Output, axes: readonly number[]): Output {
		return this.output(this.node('Mean', [value, this.ints(axes)], {T: type(value.dtype), Tidx: type('int32'), keep_dims: bool(false)}), value.dtype);
	}

	argMax(value: Output, axis: number): Output {
		const attrs = {T: type(value.dtype), Tidx: type('int32'), output_type: type('int32')};
		return this.output(this.node('ArgMax', [value, this.scalar(axis, 'int32')], attrs), 'int32');
	}

	equal(a: Output, b: Output): Output {
		return this.output(this.node('Equal', [a, b], {T: type(a.dtype), incompatible_shape_error: bool(true)}), 'bool');
	}

	cast(value: Output, dtype: DType): Output {
		return this.output(this.node('Cast', [value], {SrcT: type(value.dtype), DstT: type(dtype), Truncate: bool(false)}), dtype);
	}

	add(a: Output, b: Output): Output {
		return this.float('AddV2', [a, b], {T: type('float')});
	}

	sub(a: Output, b: Output): Output {
		return this.float('Sub', [a, b], {T: type('float')});
	}

	mul(a: Output, b: Output): Output {
		return this.float('Mul', [a, b], {T: type('float')});
	}

	div(a: Output, b: Output): Output {
		return this.float('RealDiv', [a, b], {T: type('float')});
	}

	pow(a: Output, b: Output): Output {
		return this.float('Pow', [a, b], {T: type('float')});
	}

	sqrt(value: Output): Output {
		return this.float('Sqrt', [value], {T: type('float')});
	}

	identity(value: Output, options: NodeOptions = {}): Output {
		return this.output(this.node('Identity', [value], {T: type(value.dtype)}, options), value.dtype);
	}

	/**
	 * Batch normalization over the channels of an NHWC tensor. In training it normalizes with
	 * the batch's own statistics and gives them (variance with Bessel's correction) for the
	 * moving averages; otherwise it uses `mean` and `variance`.
	 */
	fusedBatchNorm(x: Output, scale: Output, offset: Output, mean: Output, variance: Output, {epsilon, training}: {epsilon: number; training: boolean}): BatchNormOutputs {
		const attrs = {...batchNormAttrs(epsilon, training), exponential_avg_factor: float(1)};
		const node = this.node('FusedBatchNormV3', [x, scale, offset, mean, variance], attrs);
		const out = (index: number) => this.output(node, 'float', index);
		return {y: out(0), batchMean: out(1), batchVariance: out(2), reserve: [out(3), out(4), out(5)]};
	}

	/** Gradients of a training-mode `fusedBatchNorm` for its input, scale and offset. */
	fusedBatchNormGrad(outputGradient: Output, x: Output, scale: Output, reserve: BatchNormOutputs['reserve'], epsilon: number): {input: Output; scale: Output; offset: Output} {
		const node = this.node('FusedBatchNormGradV3', [outputGradient, x, scale, ...reserve], batchNormAttrs(epsilon, true));
		return {input: this.output(node, 'float', 0), scale: this.output(node, 'float', 1), offset: this.output(node, 'float', 2)};
	}

	/** Uniform floats in [0, 1) of a run-time shape; the seeds fix the sequence. */
	randomUniform(shape: Output, seed: number, seed2: number): Output {
		return this.float('RandomUniform', [shape], {dtype: type('float'), T: type(shape.dtype), seed: int(seed), seed2: int(seed2)});
	}

	greaterEqual(a: Output, b: Output): Output {
		return this.output(this.node('GreaterEqual', [a, b], {T: type(a.dtype)}), 'bool');
	}

	/** A no-op that finishes after all of `operations`. */
	group(operations: readonly Operation[], name?: string): Operation {
		return {node: this.node('NoOp', [], {}, {name, after: operations})};
	}

	/** One Adam step on `variable` (TensorFlow's form: `epsilon` is the bias-corrected one). */
	applyAdam(variable: Variable, slots: {m: Variable; v: Variable}, step: AdamStep, gradient: Output, options: NodeOptions = {}): Operation {
		const inputs = [variable, slots.m, slots.v, step.beta1Power, step.beta2Power, step.learningRate, step.beta1, step.beta2, step.epsilon, gradient];
		return {node: this.node('ResourceApplyAdam', inputs, {T: type('float'), use_locking: bool(false), use_nesterov: bool(false)}, options)};
	}

	toGraphDef(): GraphDefProto {
		const {GraphDef, VersionDef} = messages();
		const graph = new GraphDef();
		for (const node of this.nodes) graph.addNode(node);
		const versions = new VersionDef();
		versions.setProducer(producerVersion);
		graph.setVersions(versions);
		return graph;
	}

	private float(op: string, inputs: readonly Output[], attrs: Record<string, AttrValueProto>): Output {
		return this.output(this.node(op, inputs, attrs), 'float');
	}

	private output(node: string, dtype: DType, index = 0): Output {
		return {node, index, dtype};
	}

	private node(op: string, inputs: readonly Output[], attrs: Record<string, AttrValueProto>, options: NodeOptions = {}): string {
		const name = options.name ?? `${op}_${this.counter++}`;
		if (this.names.has(name)) throw new Error(`The graph already has a node named ${name}.`);
		this.names.add(name);
		const node = new (messages().NodeDef)();
		node.setName(name);
		node.setOp(op);
		for (const input of inputs) node.addInput(tensorName(input));
		for (const operation of options.after ?? []) node.addInput(`^${operation.node}`);
		const map = node.getAttrMap();
		for (const [key, value] of Object.entries(attrs)) map.set(key, value);
		this.nodes.push(node);
		return name;
	}
}

export type BatchNormOutputs = {y: Output; batchMean: Output; batchVariance: Output; reserve: [Output, Output, Output]};

export type AdamStep = {beta1Power: Output; beta2Power: Output; learningRate: Output; beta1: Output; beta2: Output; epsilon: Output};

function attr(): AttrValueProto {
	return new (messages().AttrValue)();
}

function type(dtype: DType): AttrValueProto {
	const value = attr();
	value.setType(DataType[dtype]);
	return value;
}

function string(text: string): AttrValueProto {
	const value = attr();
	value.setS(new TextEncoder().encode(text));
	return value;
}

function bool(flag: boolean): AttrValueProto {
	const value = attr();
	value.setB(flag);
	return value;
}

function float(number: number): AttrValueProto {
	const value = attr();
	value.setF(number);
	return value;
}

function int(number: number): AttrValueProto {
	const value = attr();
	value.setI(number);
	return value;
}

function batchNormAttrs(epsilon: number, training: boolean): Record<string, AttrValueProto> {
	return {T: type('float'), U: type('float'), epsilon: float(epsilon), data_format: string('NHWC'), is_training: bool(training)};
}

function ints(values: readonly number[]): AttrValueProto {
	const list = new (messages().AttrValue.ListValue)();
	list.setIList([...values]);
	const value = attr();
	value.setList(list);
	return value;
}

function shapeAttr(shape: readonly number[]): AttrValueProto {
	const value = attr();
	value.setShape(shapeProto(shape));
	return value;
}

function convAttrs({strides, padding}: WindowOptions): Record<string, AttrValueProto> {
	return {
		T: type('float'),
		strides: ints([1, strides, strides, 1]),
		padding: string(padding),
		data_format: string('NHWC'),
		dilations: ints([1, 1, 1, 1]),
		use_cudnn_on_gpu: bool(true),
	};
}

function poolAttrs({size, strides, padding}: PoolOptions): Record<string, AttrValueProto> {
	return {T: type('float'), ksize: ints([1, size, size, 1]), strides: ints([1, strides, strides, 1]), padding: string(padding), data_format: string('NHWC')};
}
