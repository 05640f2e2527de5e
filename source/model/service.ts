// The model service: one class used by the CLI and the TUI alike. TensorFlow lives in child
// processes (worker.ts, one for predictions and one for training, see Work) whose stderr we
// own, so its log lines never reach the user's terminal and a native crash cannot take the
// terminal with it.
import {fork, type ChildProcess} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {UserError} from '../errors.js';
import type {Exported, Method, Methods, Readiness, Reply, Request, RequestBody} from './protocol.js';
import {checkModelName, findModel, newModelName, shippedModelName} from './store.js';
import type {Evaluation, ModelDescription, TrainEvent, TrainOptions} from './types.js';

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

/** A child process stopped (crashed or killed): the requests it was serving fail with this. */
export class ServiceStoppedError extends ServiceError {}

/**
 * The children's environment for speed (the user's own settings win):
 * - glibc keeps freed blocks mapped instead of handing them back: first-touch page faults are
 *   slow on small VMs, and tfjs-node allocates megabytes per batch;
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

/**
 * Which child process does the work. Each loads TensorFlow for itself (a second one only when
 * needed: `digits predict` starts one, `digits train` the other, the app both):
 * - `predict` (load, describe, predict) runs on one thread per TensorFlow pool. A single image
 *   is a few small ops, and handing each to a second thread and back costs more than it saves:
 *   on our 2-core machines one thread halves its time (0.86 → 0.46 ms, median) and the slowest
 *   1% of calls (2.8–4.6 ms → 0.7–2.3 ms), and it answers while the other child trains.
 * - `train` (train, evaluate) uses every core: one thread per pool would train 10–33% slower
 *   and evaluate at 60% of the speed.
 */
export type Work = 'predict' | 'train';

/** The child a `digits` command needs, if any. */
export function workOf(command: 'predict' | 'serve' | 'train' | 'eval' | 'report' | 'export'): Work;
export function workOf(command: string | undefined): Work | undefined;
export function workOf(command: string | undefined): Work | undefined {
	if (command === 'predict' || command === 'serve' || command === 'export') return 'predict';
	if (command === 'train' || command === 'eval' || command === 'report') return 'train';
	return undefined;
}

const childEnvironment: Record<Work, Record<string, string>> = {
	predict: {...nativeEnvironment, TF_NUM_INTRAOP_THREADS: '1', TF_NUM_INTEROP_THREADS: '1'},
	train: nativeEnvironment,
};

const here = fileURLToPath(import.meta.url);
const runFromSource = here.endsWith('.ts');

/** The model service as the CLI and the app use it: ModelServiceProcess below, or a test's fake. */
export interface ModelService {
	/**
	 * Starts the child that does `work` (once) and resolves when its TensorFlow is loaded: which
	 * backend, and why not native. Calling it early overlaps that second with other work.
	 */
	ready(work?: Work): Promise<Readiness>;
	/** Loads a model (the default one when no name is given) for `predict` and `describe`. */
	load(name?: string): Promise<ModelDescription>;
	describe(): Promise<ModelDescription>;
	/** `count × 784` floats in [0, 1] in, `count × 10` probabilities out (the model loaded last unless named). */
	predict(images: Float32Array, name?: string): Promise<Float32Array>;
	/** Scores a model (else the one loaded last, else the default one) on the test images. */
	evaluate(name: string | undefined, options?: {onProgress?: (done: number, total: number) => void}): Promise<Evaluation>;
	/** Trains; aborting `signal` stops at the next batch (the last finished epoch is on disk). */
	train(options: TrainOptions, control?: {signal?: AbortSignal}): AsyncIterable<TrainEvent>;
	/**
	 * Writes a model (the named one, else the one loaded last, else the default one) as a
	 * TensorFlow SavedModel into `out/<version>`, the next version number there.
	 */
	export(out: string, name?: string): Promise<Exported>;
	/** `listener` hears of a child that stopped after it had started (a crash, or killed); the next request starts it again. */
	onStopped?(listener: (work: Work) => void): void;
	close(): void;
}

/** The model service answered by child processes that alone load TensorFlow (see Work). */
export class ModelServiceProcess implements ModelService {
	private children: Partial<Record<Work, Child>> = {};
	/**
	 * The model `load` loaded last: what `predict` and `evaluate` use when given no name (kept
	 * here, so it outlives a prediction child started again after a crash).
	 */
	private loaded?: string;
	private closed = false;
	private readonly stoppedListeners: Array<(work: Work) => void> = [];

	constructor(private readonly options: {debug?: boolean} = {}) {}

	async ready(work: Work = 'predict'): Promise<Readiness> {
		return this.child(work).ready();
	}

	async load(name?: string): Promise<ModelDescription> {
		const description = await this.child('predict').request({method: 'load', name});
		this.loaded = description.name;
		return description;
	}

	async describe(): Promise<ModelDescription> {
		return this.child('predict').request({method: 'describe'});
	}

	async predict(images: Float32Array, name?: string): Promise<Float32Array> {
		return this.child('predict').request({method: 'predict', name, images});
	}

	async evaluate(name: string | undefined, {onProgress}: {onProgress?: (done: number, total: number) => void} = {}): Promise<Evaluation> {
		return this.child('train').request({method: 'evaluate', name: name ?? this.loaded}, reply => {
			if (reply.type === 'progress') onProgress?.(reply.done, reply.total);
		});
	}

	async *train(options: TrainOptions, {signal}: {signal?: AbortSignal} = {}): AsyncIterable<TrainEvent> {
		const model = options.model ?? newModelName(options.from === undefined ? options.preset : `${options.from}-taught`);
		checkTarget(model, options.force ?? false);
		const child = this.child('train');
		const queue: TrainEvent[] = [];
		let wake: (() => void) | undefined;
		let finished = false;
		const push = (event?: TrainEvent) => {
			if (event) queue.push(event);
			else finished = true;
			wake?.();
		};
		const {id, result} = child.send({method: 'train', options: {...options, model}}, reply => {
			if (reply.type === 'event') push(reply.event);
		});
		const cancel = () => void child.request({method: 'cancel', target: id}).catch(() => {});
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

	async export(out: string, name?: string): Promise<Exported> {
		// A relative `out` means the same folder there: the child has this process's working folder.
		return this.child('predict').request({method: 'export', name: name ?? this.loaded, out});
	}

	onStopped(listener: (work: Work) => void): void {
		this.stoppedListeners.push(listener);
	}

	/** The process id of each child started last, for measuring them (peak memory in the benchmark). */
	pids(): Partial<Record<Work, number>> {
		return Object.fromEntries(Object.entries(this.children).map(([work, child]) => [work, child.pid]));
	}

	close(): void {
		this.closed = true;
		for (const child of Object.values(this.children)) child.close();
	}

	/**
	 * The child for `work`, started on first use, and again when it stopped after it had started
	 * (a crash is reported once, to the requests it was serving; a new prediction child loads the
	 * model loaded last). One that never started keeps saying why, instead of starting again
	 * at every request.
	 */
	private child(work: Work): Child {
		if (this.closed) throw new ServiceError('The model service was closed.');
		const running = this.children[work];
		if (running && !(running.exited && running.started)) return running;
		const child = new Child(childEnvironment[work], this.options.debug ?? false, () => {
			if (!this.closed) for (const listener of this.stoppedListeners) listener(work);
		});
		this.children[work] = child;
		if (running && work === 'predict' && this.loaded !== undefined) child.request({method: 'load', name: this.loaded}).catch(() => {});
		return child;
	}
}

type Pending = {resolve: (value: Methods[Method]['reply']) => void; reject: (error: Error) => void; onReply?: (reply: Reply) => void};

/** One child process running worker.ts, and the requests waiting for its replies. */
class Child {
	private readonly process: ChildProcess;
	private readonly whenReady: Promise<Readiness>;
	/** TensorFlow loaded and the child said so. */
	started = false;
	private readonly pending = new Map<number, Pending>();
	private nextId = 1;
	exited = false;
	/** What the child printed last (TensorFlow's own notices land here), for crash messages. */
	private stderrTail: string[] = [];

	constructor(
		environment: Record<string, string>,
		private readonly debug: boolean,
		onStopped: () => void,
	) {
		const child = fork(path.join(path.dirname(here), runFromSource ? 'worker.ts' : 'worker.js'), [], {
			execArgv: runFromSource ? ['--import', 'tsx'] : [],
			serialization: 'advanced',
			stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
			env: {...environment, ...process.env, TF_CPP_MIN_LOG_LEVEL: '2'},
		});
		this.process = child;
		for (const stream of [child.stdout!, child.stderr!]) {
			stream.setEncoding('utf8');
			stream.on('data', (text: string) => this.keepLog(text));
		}
		this.whenReady = new Promise((resolve, reject) => {
			child.on('message', (reply: Reply) => {
				if (reply.type === 'ready') {
					this.started = true;
					resolve(reply);
				}
				else this.dispatch(reply);
			});
			child.on('exit', (code, signal) => {
				this.exited = true;
				const error = this.crashError(code, signal);
				reject(error);
				for (const pending of this.pending.values()) pending.reject(error);
				this.pending.clear();
				if (this.started) onStopped();
			});
		});
		// Whoever sends a request hears of a failed start; nobody has to ask.
		this.whenReady.catch(() => {});
	}

	ready(): Promise<Readiness> {
		return this.whenReady;
	}

	get pid(): number | undefined {
		return this.process.pid;
	}

	request<M extends Method>(body: RequestBody<M>, onReply?: (reply: Reply) => void): Promise<Methods[M]['reply']> {
		return this.send(body, onReply).result;
	}

	/** Sends a request; its id is fixed at once, so a later `cancel` can name it. */
	send<M extends Method>(body: RequestBody<M>, onReply?: (reply: Reply) => void): {id: number; result: Promise<Methods[M]['reply']>} {
		const id = this.nextId++;
		const request: Request<M> = {...body, id};
		const result = this.whenReady.then(
			() =>
				new Promise<Methods[M]['reply']>((resolve, reject) => {
					if (this.exited || !this.process.connected) throw this.crashError(null, null);
					// The reply to this id is this method's: the worker's handler for it is typed so.
					this.pending.set(id, {resolve: value => resolve(value), reject, onReply});
					this.process.send(request);
				}),
		);
		return {id, result};
	}

	/** A child still loading TensorFlow is stopped at once; a started one exits when disconnected. */
	close(): void {
		if (!this.started) this.process.kill();
		else if (this.process.connected) this.process.disconnect();
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
		if (this.debug) process.stderr.write(text);
		this.stderrTail.push(text);
		if (this.stderrTail.length > 50) this.stderrTail.shift();
	}

	private crashError(code: number | null, signal: NodeJS.Signals | null): ServiceStoppedError {
		const how = signal ? `signal ${signal}` : `exit code ${code}`;
		const log = this.stderrTail.join('');
		const last = log.trim().split('\n').at(-1) ?? '';
		return new ServiceStoppedError(`The model service stopped unexpectedly (${how})${last ? `: ${last}` : ''}. Run again with --debug to see its log.`, 1, log);
	}
}

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
