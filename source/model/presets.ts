// The networks digits can train, as plain layer lists: the eager path builds a tfjs
// LayersModel from them and the graph trainer (graph/) compiles the very same list.
// `classic` is exactly the reference network.
import type {LayersModel} from '@tensorflow/tfjs';
import type {TF} from './backend.js';
import type {PresetName} from './types.js';

export const presetNames: readonly PresetName[] = ['classic'];

export type Activation = 'relu' | 'softmax' | 'linear';
export type LayerSpec =
	| {type: 'conv2d'; filters: number; kernelSize: number; activation: Activation}
	| {type: 'maxPooling2d'; poolSize: number}
	| {type: 'flatten'}
	| {type: 'dense'; units: number; activation: Activation};

/** 28×28 grey images, one channel; ten classes. */
export const imageShape = [28, 28, 1] as const;
export const classCount = 10;

const presets: Record<PresetName, readonly LayerSpec[]> = {
	classic: [
		{type: 'conv2d', filters: 32, kernelSize: 3, activation: 'relu'},
		{type: 'maxPooling2d', poolSize: 2},
		{type: 'conv2d', filters: 64, kernelSize: 3, activation: 'relu'},
		{type: 'maxPooling2d', poolSize: 2},
		{type: 'flatten'},
		{type: 'dense', units: 128, activation: 'relu'},
		{type: 'dense', units: classCount, activation: 'softmax'},
	],
};

export function presetLayers(preset: PresetName): readonly LayerSpec[] {
	return presets[preset];
}

/** Builds the preset's network with seeded initial weights: the same seed gives the same weights. */
export function buildModel(tf: TF, preset: PresetName, seed: number, learningRate: number): LayersModel {
	let nextSeed = seed;
	const kernelInitializer = () => tf.initializers.glorotUniform({seed: nextSeed++});
	const layers = presetLayers(preset).map((spec, index) => {
		const inputShape = index === 0 ? {inputShape: [...imageShape]} : {};
		switch (spec.type) {
			case 'conv2d':
				return tf.layers.conv2d({...inputShape, filters: spec.filters, kernelSize: spec.kernelSize, activation: spec.activation, kernelInitializer: kernelInitializer()});
			case 'maxPooling2d':
				return tf.layers.maxPooling2d({...inputShape, poolSize: spec.poolSize});
			case 'flatten':
				return tf.layers.flatten(inputShape);
			case 'dense':
				return tf.layers.dense({...inputShape, units: spec.units, activation: spec.activation, kernelInitializer: kernelInitializer()});
		}
	});
	const model = tf.sequential({name: preset, layers});
	model.compile({optimizer: tf.train.adam(learningRate), loss: 'categoricalCrossentropy', metrics: ['accuracy']});
	return model;
}
