// The networks digits can train. `classic` is exactly the reference network.
import type {TF} from './backend.js';
import type {PresetName} from './types.js';

export const presetNames: readonly PresetName[] = ['classic'];

/** Builds the preset's network with seeded initial weights: the same seed gives the same weights. */
export function buildModel(tf: TF, preset: PresetName, seed: number, learningRate: number) {
	let nextSeed = seed;
	const kernel = () => tf.initializers.glorotUniform({seed: nextSeed++});
	const model = tf.sequential({
		name: preset,
		layers: [
			tf.layers.conv2d({inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu', kernelInitializer: kernel()}),
			tf.layers.maxPooling2d({poolSize: 2}),
			tf.layers.conv2d({filters: 64, kernelSize: 3, activation: 'relu', kernelInitializer: kernel()}),
			tf.layers.maxPooling2d({poolSize: 2}),
			tf.layers.flatten(),
			tf.layers.dense({units: 128, activation: 'relu', kernelInitializer: kernel()}),
			tf.layers.dense({units: 10, activation: 'softmax', kernelInitializer: kernel()}),
		],
	});
	model.compile({optimizer: tf.train.adam(learningRate), loss: 'categoricalCrossentropy', metrics: ['accuracy']});
	return model;
}
