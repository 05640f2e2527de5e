// The model service: one class used by the CLI and the TUI alike. TensorFlow lives in a
// child process (worker.ts) whose stderr we own, so its log lines never reach the user's
// terminal and a native crash cannot take the terminal with it.
import {fork, type ChildProcess} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {UserError} from '../errors.js';
import type {Reply, Request} from './protocol.js';
import {checkModelName, findModel, newModelName, shippedModelName} from './store.js';
import type {BackendName, Evaluation, ModelDescription, TrainEvent, TrainOptions} from './types.js';

/** An error meant for the user: one sentence, and the exit code it deserves (1 runtime, 2 usage). */
export class ServiceError extends UserError {
	constructor(
		message: string,
		exitCode: 1 | 2 = 1,
		readonly detail = '',
	) {
		super(message, exitCode);
	}
}

type Pending = {resolve: (value: unknown) => void; reject: (error: Error) => void; onReply?: (reply: Reply) => void};

/**
 * The child's environment for speed (the user's own settings win):
 * - glibc keeps freed blocks mapped instead of handing them back: first-touch page faults are
 *   slow on small VMs, and tfjs-node allocates megabytes per batch (see notes/performance.md);
 * - TensorFlow's oneDNN kernels (convolutions, pooling and their gradients) replace its
 *   generic ones: libtensorflow leaves them off unless asked, and with them a training step of
 *   the classic network takes 29–37 ms instead of 42–50 ms here.
 */
export const nativeEnvironment = {
	MALLOC_MMAP_THRESHOLD_: '4294967296',
	MALLOC_TRIM_THRESHOLD_: '68719476736',
	MALLOC_TOP_PAD_: '268435456',
	TF_ENABLE_ONEDNN_OPTS: '1',
};

const here = fileURLToPath(import.meta.url);
const runFromSource = here.endsWith('.ts');

export class ModelService {
	private child?: ChildProcess;
	private readyPromise?: Promise<{backend: BackendName; reason?: string}>;
	private readonly pending = new Map<number, Pending>();
	private nextId = 1;
	private stderrTail: string[] = [];

	constructor(private readonly options: {debug?: boolean} = {}) {}

	/** Starts the child (once) and resolves when TensorFlow is loaded: which backend, and why not native. */
	ready(): Promise<{backend: BackendName; reason?: string}> {
		this.readyPromise ??= new Promise((resolve, reject) => {
			const child = fork(path.join(path.dirname(here), runFromSource ? 'worker.ts' : 'worker.js'), [], {
				execArgv: runFromSource ? ['--import', 'tsx'] : [],
				serialization: 'advanced',
				stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
				env: {...nativeEnvironment, ...process.env, TF_CPP_MIN_LOG_LEVEL: '2'},
			});
			this.child = child;
			for (const stream of [child.stdout!, child.stderr!]) {
				stream.setEncoding('utf8');
				stream.on('data', (text: string) => this.keepLog(text));
			}
			child.on('message', (reply: Reply) => {
				if (reply.type === 'ready') resolve(reply);
				else this.dispatch(reply);
			});
			child.on('exit', (code, signal) => {
				const error = this.crashError(code, signal);
				reject(error);
				for (const pending of this.pending.values()) pending.reject(error);
				this.pending.clear();
				this.child = undefined;
			});
		});
		return this.readyPromise;
	}

	/** Loads a model (the default one when no name is given) for `predict` and `describe`. */
	async load(name?: string): Promise<ModelDescription> {
		return (await this.request({method: 'load', name})) as ModelDescription;
	}

	async describe(): Promise<ModelDescription> {
		return (await this.request({method: 'describe'})) as ModelDescription;
	}

	/** `count × 784` floats in [0, 1] in, `count × 10` probabilities out. */
	async predict(images: Float32Array, name?: string): Promise<Float32Array> {
		return (await this.request({method: 'predict', name, images})) as Float32Array;
	}

	async evaluate(name: string | undefined, {onProgress}: {onProgress?: (done: number, total: number) => void} = {}): Promise<Evaluation> {
		return (await this.request({method: 'evaluate', name}, reply => {
			if (reply.type === 'progress') onProgress?.(reply.done, reply.total);
		})) as Evaluation;
	}

	/** Trains; aborting `signal` stops at the next batch (the last finished epoch is on disk). */
	async *train(options: TrainOptions, {signal}: {signal?: AbortSignal} = {}): AsyncIterable<TrainEvent> {
		const model = options.model ?? newModelName(options.preset);
		checkTarget(model, options.force ?? false);
		const queue: TrainEvent[] = [];
		let wake: (() => void) | undefined;
		let finished = false;
		const push = (event?: TrainEvent) => {
			if (event) queue.push(event);
			else finished = true;
			wake?.();
		};
		const {id, result} = this.send({method: 'train', options: {...options, model}}, reply => {
			if (reply.type === 'event') push(reply.event);
		});
		const cancel = () => void this.request({method: 'cancel', target: id}).catch(() => {});
		const done = result.then(
			() => push(),
			(error: Error) => {
				push({type: 'error', message: error.message});
				push();
			},
		);
		if (signal?.aborted) cancel();
		signal?.addEventListener('abort', cancel, {once: true});
		try {
			while (!finished || queue.length > 0) {
				if (queue.length === 0) await new Promise<void>(resolve => (wake = resolve));
				while (queue.length > 0) yield queue.shift()!;
			}
			await done;
		} finally {
			signal?.removeEventListener('abort', cancel);
		}
	}

	/** What the child printed last (TensorFlow's own notices land here), for --debug. */
	log(): string {
		return this.stderrTail.join('');
	}

	/** The child's process id, for measuring it (peak memory in the benchmark). */
	get pid(): number | undefined {
		return this.child?.pid;
	}

	close(): void {
		this.child?.disconnect();
		this.child = undefined;
	}

	private request(body: DistributiveOmit<Request, 'id'>, onReply?: (reply: Reply) => void): Promise<unknown> {
		return this.send(body, onReply).result;
	}

	/** Sends a request; its id is fixed at once, so a later `cancel` can name it. */
	private send(body: DistributiveOmit<Request, 'id'>, onReply?: (reply: Reply) => void): {id: number; result: Promise<unknown>} {
		const id = this.nextId++;
		const result = this.ready().then(
			() =>
				new Promise((resolve, reject) => {
					if (!this.child) throw this.crashError(null, null);
					this.pending.set(id, {resolve, reject, onReply});
					this.child.send({...body, id} as Request);
				}),
		);
		return {id, result};
	}

	private dispatch(reply: Reply): void {
		if (!('id' in reply)) return;
		const pending = this.pending.get(reply.id);
		if (!pending) return;
		if (reply.type === 'result') {
			this.pending.delete(reply.id);
			pending.resolve(reply.value);
		} else if (reply.type === 'error') {
			this.pending.delete(reply.id);
			pending.reject(new ServiceError(reply.message, 1, reply.stack));
		} else {
			pending.onReply?.(reply);
		}
	}

	private keepLog(text: string): void {
		if (this.options.debug) process.stderr.write(text);
		this.stderrTail.push(text);
		if (this.stderrTail.length > 50) this.stderrTail.shift();
	}

	private crashError(code: number | null, signal: NodeJS.Signals | null): ServiceError {
		const how = signal ? `signal ${signal}` : `exit code ${code}`;
		const last = this.log().trim().split('\n').at(-1) ?? '';
		return new ServiceError(`The model service stopped unexpectedly (${how})${last ? `: ${last}` : ''}. Run again with --debug to see its log.`, 1, this.log());
	}
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function checkTarget(model: string, force: boolean): void {
	try {
		checkModelName(model);
	} catch (error) {
		throw new ServiceError((error as Error).message, 2);
	}
	if (!findModel(model)) return;
	if (model === shippedModelName() && !force) {
		throw new ServiceError(`"${model}" is the model that ships with digits; train under another name with --model NAME.`, 2);
	}
	if (!force) throw new ServiceError(`A model named "${model}" already exists; add --force to replace it, or pick another name with --model.`, 2);
}
