// The networks digits can train, as plain layer lists: the eager path builds a tfjs
// LayersModel from them and the graph trainer (graph/) compiles the very same list.
// `classic` is exactly the reference network.
import type {LayersModel} from '@tensorflow/tfjs';
import type {TF} from './backend.js';
import {imageShape} from '../digit-size.js';
import type {TrainOptions} from './types.js';

export type Activation = 'relu' | 'softmax' | 'linear';
export type LayerSpec =
	| {type: 'conv2d'; filters: number; kernelSize: number; activation: Activation; padding?: 'valid' | 'same'; useBias?: boolean}
	| {type: 'maxPooling2d'; poolSize: number}
	| {type: 'flatten'}
	| {type: 'dense'; units: number; activation: Activation; useBias?: boolean}
	| {type: 'batchNormalization'}
	| {type: 'activation'; activation: Activation}
	| {type: 'dropout'; rate: number};

/** Batch normalization settings of both trainers: tfjs's epsilon; momentum 0.9 (tfjs: 0.99) so the moving averages settle within a short run too. */
export const batchNorm = {momentum: 0.9, epsilon: 1e-3} as const;

/** Ten classes, the digits 0–9. */
export const classCount = 10;

/**
 * A convolution, then batch normalization and ReLU. No bias before the normalization: it
 * would be subtracted right away (its gradient is zero, so Adam would only move it by noise).
 */
const convolution = (filters: number): LayerSpec[] => [
	{type: 'conv2d', filters, kernelSize: 3, activation: 'linear', useBias: false},
	{type: 'batchNormalization'},
	{type: 'activation', activation: 'relu'},
];

export type PresetDefaults = Required<Pick<TrainOptions, 'epochs' | 'batchSize' | 'learningRate' | 'validationSplit' | 'augment' | 'schedule'>>;

/** A network: a few words for the training form, its layers, and the settings `digits train --preset NAME` and the form use when not given. */
type Preset = {description: string; layers: readonly LayerSpec[]; defaults: PresetDefaults};

/** Every preset, in the order the help and the form list them: a new preset is one more entry. */
export const presets = {
	classic: {
		description: 'the reference',
		layers: [
			{type: 'conv2d', filters: 32, kernelSize: 3, activation: 'relu'},
			{type: 'maxPooling2d', poolSize: 2},
			{type: 'conv2d', filters: 64, kernelSize: 3, activation: 'relu'},
			{type: 'maxPooling2d', poolSize: 2},
			{type: 'flatten'},
			{type: 'dense', units: 128, activation: 'relu'},
			{type: 'dense', units: classCount, activation: 'softmax'},
		],
		defaults: {epochs: 3, batchSize: 128, learningRate: 0.001, validationSplit: 0.2, augment: false, schedule: 'constant'},
	},
	// Two blocks of two normalized 3×3 convolutions (28 → 24 → 12 → 8 → 4 pixels), dropout
	// after each block and before the output. Why this size: readme.md, "The best preset".
	best: {
		description: 'larger, augmented, cosine schedule',
		layers: [
			...convolution(32),
			...convolution(32),
			{type: 'maxPooling2d', poolSize: 2},
			{type: 'dropout', rate: 0.1},
			...convolution(64),
			...convolution(64),
			{type: 'maxPooling2d', poolSize: 2},
			{type: 'dropout', rate: 0.1},
			{type: 'flatten'},
			{type: 'dense', units: 128, activation: 'linear', useBias: false},
			{type: 'batchNormalization'},
			{type: 'activation', activation: 'relu'},
			{type: 'dropout', rate: 0.25},
			{type: 'dense', units: classCount, activation: 'softmax'},
		],
		defaults: {epochs: 12, batchSize: 128, learningRate: 0.001, validationSplit: 0.1, augment: true, schedule: 'cosine'},
	},
} satisfies Record<string, Preset>;

export type PresetName = keyof typeof presets;

export const presetNames = Object.keys(presets) as readonly PresetName[];

export const learningRateSchedules = ['constant', 'cosine'] as const;
export type LearningRateSchedule = (typeof learningRateSchedules)[number];

export function presetLayers(preset: PresetName): readonly LayerSpec[] {
	return presets[preset].layers;
}

/** Builds the preset's network with seeded initial weights: the same seed gives the same weights. */
export function buildModel(tf: TF, preset: PresetName, seed: number, learningRate: number): LayersModel {
	return buildNetwork(tf, preset, presetLayers(preset), seed, learningRate);
}

/** A layer list as a compiled tfjs model (Adam, categorical cross-entropy, accuracy). */
export function buildNetwork(tf: TF, name: string, specs: readonly LayerSpec[], seed: number, learningRate: number): LayersModel {
	let nextSeed = seed;
	const kernelInitializer = () => tf.initializers.glorotUniform({seed: nextSeed++});
	const layers = specs.map((spec, index) => {
		const inputShape = index === 0 ? {inputShape: [...imageShape]} : {};
		switch (spec.type) {
			case 'conv2d':
				return tf.layers.conv2d({...inputShape, filters: spec.filters, kernelSize: spec.kernelSize, activation: spec.activation, padding: spec.padding ?? 'valid', useBias: spec.useBias ?? true, kernelInitializer: kernelInitializer()});
			case 'maxPooling2d':
				return tf.layers.maxPooling2d({...inputShape, poolSize: spec.poolSize});
			case 'flatten':
				return tf.layers.flatten(inputShape);
			case 'dense':
				return tf.layers.dense({...inputShape, units: spec.units, activation: spec.activation, useBias: spec.useBias ?? true, kernelInitializer: kernelInitializer()});
			case 'batchNormalization':
				return tf.layers.batchNormalization({...inputShape, ...batchNorm});
			case 'activation':
				return tf.layers.activation({...inputShape, activation: spec.activation});
			case 'dropout':
				// No seed: tfjs would draw the very same mask on every step from it.
				return tf.layers.dropout({...inputShape, rate: spec.rate});
		}
	});
	const model = tf.sequential({name, layers});
	model.compile({optimizer: tf.train.adam(learningRate), loss: 'categoricalCrossentropy', metrics: ['accuracy']});
	return model;
}

/** The settings of a plain `digits train`: the classic preset's defaults and seed 42. */
export const trainDefaults = {preset: 'classic', seed: 42, ...presets.classic.defaults} as const;

/**
 * `digits train --from MODEL` (teaching a person's samples) without the other flags: about a
 * minute on two cores with `best`. An epoch is a fixed number of batches (the samples are few), a quarter
 * of each batch samples and the rest MNIST, so that the model does not forget what it read before.
 * Chosen on validation digits (bench/teach.ts): with half of each batch samples, lr 1e-4 or 2e-4,
 * or 9 epochs the samples' writer gained less; lr 5e-4 gained less too. The samples' augmentation
 * is stronger than MNIST's (each sample is seen about 60 times; with seed 42, milder warps keeping the
 * writer's slant did worse), and `slantShare` of the MNIST part is leaned to the writer's slant
 * (slant.ts), drawn from a pool of `slantPool` digits made when teaching starts. Compared over
 * three seeds (a third leaned gained more on the writer but cost MNIST 0.18 points): readme.md,
 * "Learn your handwriting".
 */
export const teachDefaults = {
	epochs: 6,
	batchSize: 64,
	learningRate: 0.0003,
	augment: true,
	batchesPerEpoch: 100,
	sampleShare: 0.25,
	sampleAugmentation: {shift: 2.5, rotation: 15, scale: 0.15, shear: 0.3, thickness: 0.5, elastic: {alpha: 34, sigma: 5, probability: 0.7}},
	slantShare: 0.2,
	slantPool: 2000,
} as const;
