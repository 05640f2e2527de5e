// Helpers for driving the TUI through ink-testing-library: key codes, waiting for a frame,
// and a fake model service that trains in milliseconds and honours the abort signal.
import type {ModelServiceLike} from '../source/hooks/use-services.js';
import type {ModelDescription, TrainEvent, TrainOptions} from '../source/model/types.js';

export const keys = {
	enter: '\r',
	escape: '\u001B',
	down: '\u001B[B',
	up: '\u001B[A',
	backspace: '\u007F',
	ctrlC: '\u0003',
	ctrlU: '\u0015',
} as const;

export const delay = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

/** Polls until the last frame passes `check` (returns it), or fails with the frame it saw. */
export async function waitForFrame(lastFrame: () => string | undefined, check: (frame: string) => boolean, timeoutMs = 5000): Promise<string> {
	const started = Date.now();
	for (;;) {
		const frame = lastFrame() ?? '';
		if (check(frame)) return frame;
		if (Date.now() - started > timeoutMs) throw new Error(`no such frame within ${timeoutMs} ms; the last one was:\n${frame}`);
		await delay(20);
	}
}

export type FakeService = ModelServiceLike & {loads: Array<string | undefined>; aborted: boolean; trained: TrainOptions[]};

/** Trains `batches` batches per epoch, `stepMs` apart; on abort, stops at the next batch like the real one. */
export function fakeService({stepMs = 2, batches = 4, backend = 'tensorflow' as const} = {}): FakeService {
	const service: FakeService = {
		loads: [],
		aborted: false,
		trained: [],
		ready: async () => ({backend}),
		load: async (name?: string) => {
			service.loads.push(name);
			return {name: name ?? 'shipped', path: `/models/${name}`, backend, layers: [], parameters: 0, meta: {test: {accuracy: 0.97}}} as unknown as ModelDescription;
		},
		async *train(options: TrainOptions, {signal}: {signal?: AbortSignal} = {}): AsyncIterable<TrainEvent> {
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
	};
	return service;
}
