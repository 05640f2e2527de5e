// One trained model as the model service describes it: a small classic network after three
// epochs, for the Model info screen's tests (its pure parts and the screen itself).
import type {HistoryEntry, LayerSummary, ModelDescription} from '../source/model/types.js';

export const layers: LayerSummary[] = [
	{name: 'conv2d_1', type: 'Conv2D', outputShape: [null, 26, 26, 32], parameters: 320},
	{name: 'flatten_1', type: 'Flatten', outputShape: [null, 21632], parameters: 0},
	{name: 'dense_1', type: 'Dense', outputShape: [null, 10], parameters: 216330},
];

export const history: HistoryEntry[] = [
	{epoch: 1, loss: 0.5, accuracy: 0.85, valLoss: 0.4, valAccuracy: 0.88, seconds: 20},
	{epoch: 2, loss: 0.2, accuracy: 0.94, valLoss: 0.25, valAccuracy: 0.93, seconds: 20},
	{epoch: 3, loss: 0.1, accuracy: 0.97, valLoss: 0.2, valAccuracy: 0.95, seconds: 20},
];

export const description: ModelDescription = {
	name: 'small',
	path: '/home/me/models/small',
	backend: 'tensorflow',
	layers,
	parameters: 216650,
	meta: {
		name: 'small',
		preset: 'classic',
		options: {preset: 'classic', epochs: 3, batchSize: 64, learningRate: 0.001, validationSplit: 0.1, seed: 5},
		seed: 5,
		trainer: 'graph',
		backend: 'tensorflow',
		versions: {},
		createdAt: '2026-01-02T03:04:05.000Z',
		history,
		test: {accuracy: 0.9512},
	},
};

const tfjsPrefixes = {Conv2D: 'conv2d', BatchNormalization: 'batch_normalization', Activation: 'activation', MaxPooling2D: 'max_pooling2d', Dropout: 'dropout', Flatten: 'flatten', Dense: 'dense'};

/** The shipped `best` network's 22 layers, named as tfjs names them: too many for 80×24 with the details. */
export const bigLayers: LayerSummary[] = (
	[
		['Conv2D', 1, [26, 26, 32], 288],
		['BatchNormalization', 1, [26, 26, 32], 128],
		['Activation', 1, [26, 26, 32], 0],
		['Conv2D', 2, [24, 24, 32], 9216],
		['BatchNormalization', 2, [24, 24, 32], 128],
		['Activation', 2, [24, 24, 32], 0],
		['MaxPooling2D', 1, [12, 12, 32], 0],
		['Dropout', 1, [12, 12, 32], 0],
		['Conv2D', 3, [10, 10, 64], 18432],
		['BatchNormalization', 3, [10, 10, 64], 256],
		['Activation', 3, [10, 10, 64], 0],
		['Conv2D', 4, [8, 8, 64], 36864],
		['BatchNormalization', 4, [8, 8, 64], 256],
		['Activation', 4, [8, 8, 64], 0],
		['MaxPooling2D', 2, [4, 4, 64], 0],
		['Dropout', 2, [4, 4, 64], 0],
		['Flatten', 1, [1024], 0],
		['Dense', 1, [128], 131072],
		['BatchNormalization', 5, [128], 512],
		['Activation', 5, [128], 0],
		['Dropout', 3, [128], 0],
		['Dense', 2, [10], 1290],
	] as const
).map(([type, index, shape, parameters]) => ({
	name: `${tfjsPrefixes[type]}_${type}${index}`,
	type,
	outputShape: [null, ...shape],
	parameters,
}));

export const bigDescription: ModelDescription = {
	...description,
	name: 'best',
	path: '/home/me/digits/models/best',
	layers: bigLayers,
	parameters: 198442,
	meta: {
		...description.meta,
		name: 'best',
		preset: 'best',
		options: {preset: 'best', epochs: 12, batchSize: 128, learningRate: 0.001, validationSplit: 0, seed: 42},
		seed: 42,
		history: history.map(entry => ({...entry, valLoss: null, valAccuracy: null, seconds: 51})),
		test: {accuracy: 0.9963},
	},
};
