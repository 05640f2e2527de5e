// Messages between the model service (parent) and its child processes.
import type {BackendName, Evaluation, ModelDescription, TrainEvent, TrainOptions} from './types.js';

/** Each method's request fields (besides `id` and `method`) and the value its result carries. */
export type Methods = {
	load: {request: {name?: string}; reply: ModelDescription};
	describe: {request: Record<never, never>; reply: ModelDescription};
	predict: {request: {name?: string; images: Float32Array}; reply: Float32Array};
	evaluate: {request: {name?: string}; reply: Evaluation};
	train: {request: {options: TrainOptions & {model: string}}; reply: null};
	cancel: {request: {target: number}; reply: null};
	export: {request: {name?: string; out: string}; reply: Exported};
};

/** A model written as a TensorFlow SavedModel (see graph/export.ts). */
export type Exported = {
	model: string;
	/** The version folder written inside the output folder: `out/<version>`. */
	version: number;
	/** Largest difference from the model's own probabilities on a check batch; null when the backend could not run the export (not native). */
	difference: number | null;
};

export type Method = keyof Methods;

/** What the parent asks for, without the id it is sent under. */
export type RequestBody<M extends Method = Method> = {[K in M]: {method: K} & Methods[K]['request']}[M];

export type Request<M extends Method = Method> = RequestBody<M> & {id: number};

/** The backend a child loaded, and why not the native one. */
export type Readiness = {backend: BackendName; reason?: string};

export type Reply =
	| ({type: 'ready'} & Readiness)
	| {id: number; type: 'result'; value: Methods[Method]['reply']}
	| {id: number; type: 'error'; message: string; stack: string}
	| {id: number; type: 'event'; event: TrainEvent}
	| {id: number; type: 'progress'; done: number; total: number};
