// Concurrent requests become one model call: images wait here while the prediction child
// works on the call before, then go together (up to maxBatch, one model per call). An idle
// child gets the first image at once, after the requests that arrived in the same turn of the
// event loop: no timer adds latency, and batches grow exactly as fast as requests pile up.
import {imagePixels} from '../digit-size.js';

type Waiting = {pixels: Float32Array; model: string; resolve: (probabilities: Float32Array) => void; reject: (error: Error) => void};

/** The queue is full: the request gets 503 and a Retry-After. */
export class QueueFullError extends Error {}

export type BatchStats = {onBatch?: (size: number) => void};

export class Batcher {
	private queue: Waiting[] = [];
	private busy = false;
	private scheduled = false;

	constructor(
		private readonly predict: (images: Float32Array, model: string) => Promise<Float32Array>,
		private readonly limits: {maxBatch: number; maxQueue: number},
		private readonly stats: BatchStats = {},
	) {}

	/** Images waiting for a model call. */
	get length(): number {
		return this.queue.length;
	}

	/** `count × 784` floats in, `count × 10` probabilities out, from `model`. */
	async run(images: Float32Array, model: string): Promise<Float32Array> {
		const count = images.length / imagePixels;
		if (this.queue.length + count > this.limits.maxQueue) throw new QueueFullError(`The server is busy (${this.queue.length} images are waiting); try again in a second.`);
		const answers = Array.from({length: count}, (_, i) => new Promise<Float32Array>((resolve, reject) => {
			this.queue.push({pixels: images.subarray(i * imagePixels, (i + 1) * imagePixels), model, resolve, reject});
		}));
		this.schedule();
		const rows = await Promise.all(answers);
		const probabilities = new Float32Array(count * 10);
		rows.forEach((row, i) => probabilities.set(row, i * 10));
		return probabilities;
	}

	private schedule(): void {
		if (this.busy || this.scheduled || this.queue.length === 0) return;
		this.scheduled = true;
		setImmediate(() => {
			this.scheduled = false;
			void this.flush();
		});
	}

	/** One model call for the first waiting image's model, with as many of its images as fit. */
	private async flush(): Promise<void> {
		const model = this.queue[0]!.model;
		const batch: Waiting[] = [];
		const rest: Waiting[] = [];
		for (const item of this.queue) (item.model === model && batch.length < this.limits.maxBatch ? batch : rest).push(item);
		this.queue = rest;
		this.busy = true;
		this.stats.onBatch?.(batch.length);
		const images = new Float32Array(batch.length * imagePixels);
		batch.forEach((item, i) => images.set(item.pixels, i * imagePixels));
		try {
			const probabilities = await this.predict(images, model);
			batch.forEach((item, i) => item.resolve(probabilities.slice(i * 10, i * 10 + 10)));
		} catch (error) {
			for (const item of batch) item.reject(error as Error);
		} finally {
			this.busy = false;
			this.schedule();
		}
	}
}
