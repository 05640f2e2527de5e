// Messages between the model service (parent) and its child processes.
import type {BackendName, TrainEvent, TrainOptions} from './types.js';

export type Request = {id: number} & (
	| {method: 'load'; name?: string}
	| {method: 'describe'}
	| {method: 'predict'; name?: string; images: Float32Array}
	| {method: 'evaluate'; name?: string}
	| {method: 'train'; options: TrainOptions}
	| {method: 'cancel'; target: number}
);

export type Reply =
	| {type: 'ready'; backend: BackendName; reason?: string}
	| {id: number; type: 'result'; value: unknown}
	| {id: number; type: 'error'; message: string; stack: string}
	| {id: number; type: 'event'; event: TrainEvent}
	| {id: number; type: 'progress'; done: number; total: number};
