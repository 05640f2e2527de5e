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
