// The one fake model service the tests use: it loads any name, trains in milliseconds and
// honours the abort signal; what it cannot fake (predict, evaluate, describe) rejects, naming
// the method, unless a test gives its own.
import {setTimeout as delay} from 'node:timers/promises';
import type {ModelService} from '../source/model/service.js';
import type {BackendName, ModelDescription, TrainEvent, TrainOptions} from '../source/model/types.js';

export type FakeModelService = ModelService & {loads: Array<string | undefined>; aborted: boolean; trained: TrainOptions[]};

type FakeOptions = Partial<ModelService> & {
	/** Milliseconds between batches. */
	stepMs?: number;
	/** Batches per epoch. */
	batches?: number;
	backend?: BackendName;
};

/** A model called `name` with no layers, 97% on the test set. */
export function fakeDescription(name: string, backend: BackendName): ModelDescription {
	const options: TrainOptions = {preset: 'classic', epochs: 1, batchSize: 64, learningRate: 0.001, validationSplit: 0.1, seed: 1};
	return {
		name,
		path: `/models/${name}`,
		backend,
		layers: [],
		parameters: 0,
		meta: {name, preset: 'classic', options, seed: 1, trainer: 'graph', backend, versions: {}, createdAt: '2026-01-01T00:00:00.000Z', history: [], test: {accuracy: 0.97}},
	};
}

const unexpected = (method: keyof ModelService) => () => Promise.reject(new Error(`this test did not expect the model service's ${method}()`));

/**
 * Trains `batches` batches per epoch, `stepMs` apart; on abort, stops at the next batch like the
 * real one. The methods given replace the fake's own.
 */
export function fakeModelService({stepMs = 2, batches = 4, backend = 'tensorflow', ...methods}: FakeOptions = {}): FakeModelService {
	const service: FakeModelService = {
		loads: [],
		aborted: false,
		trained: [],
		ready: async () => ({backend}),
		load: async name => {
			service.loads.push(name);
			return fakeDescription(name ?? 'shipped', backend);
		},
		describe: unexpected('describe'),
		predict: unexpected('predict'),
		evaluate: unexpected('evaluate'),
		export: unexpected('export'),
		async *train(options, {signal} = {}): AsyncIterable<TrainEvent> {
			service.trained.push(options);
			const model = options.model ?? 'fake-1';
			const path = `/models/${model}`;
			yield {type: 'start', backend, trainer: 'graph', preset: options.preset, model, options};
			let finished = 0;
			for (let epoch = 1; epoch <= options.epochs; epoch++) {
				for (let batch = 1; batch <= batches; batch++) {
					await delay(stepMs);
					if (signal?.aborted) {
						service.aborted = true;
						yield {type: 'cancelled', epoch: finished, path: finished > 0 ? path : null};
						return;
					}
					const step = (epoch - 1) * batches + batch;
					yield {type: 'batch', epoch, epochs: options.epochs, batch, batches, loss: 2 / step, accuracy: 1 - 0.9 / step};
				}
				yield {type: 'epoch', epoch, epochs: options.epochs, loss: 1 / epoch, accuracy: 1 - 0.2 / epoch, valLoss: 0.8 / epoch, valAccuracy: 1 - 0.15 / epoch, imagesPerSecond: 2500, seconds: 1.2, path};
				finished = epoch;
			}
			yield {type: 'done', model, path, testAccuracy: 0.975, seconds: 3.6};
		},
		close: () => {},
		...methods,
	};
	return service;
}

/** A fake model answering each image of a batch with its place in the batch (1, 2, 3, ...), 90% sure. */
export function placeService() {
	const batches: number[] = [];
	const service = fakeModelService({
		predict: async images => {
			const count = images.length / 784;
			batches.push(count);
			const probabilities = new Float32Array(count * 10).fill(0.1 / 9);
			for (let i = 0; i < count; i++) probabilities[i * 10 + ((i + 1) % 10)] = 0.9;
			return probabilities;
		},
	});
	return Object.assign(service, {batches});
}
