// The Evaluate screen's data: the model's description (for the cache key and the report),
// then its evaluation on the 10,000 test images with progress. Evaluations are cached per
// model service and per model version (name, folder, creation date), so leaving the screen
// and coming back is instant, and a retrained model is evaluated afresh.
import {useEffect, useState} from 'react';
import {useModel} from './use-model.js';
import {useServices} from './use-services.js';
import type {ModelService} from '../model/service.js';
import type {Evaluation, ModelDescription} from '../model/types.js';

export type EvaluationState =
	| {phase: 'noModel'}
	| {phase: 'describing'}
	| {phase: 'running'; done: number; total: number; description: ModelDescription}
	| {phase: 'done'; evaluation: Evaluation; description: ModelDescription}
	| {phase: 'failed'; message: string};

type Entry = {
	result: Promise<Evaluation>;
	progress: {done: number; total: number};
	listeners: Set<(done: number, total: number) => void>;
	evaluation?: Evaluation;
};

const caches = new WeakMap<ModelService, Map<string, Entry>>();

/** A model version: a retrained model (same name and folder) has a new creation date. */
export function evaluationKey(description: ModelDescription): string {
	return [description.name, description.path, description.meta.createdAt].join('\n');
}

/** The cached (or running) evaluation of this model version, started when there is none. */
function evaluationEntry(service: ModelService, description: ModelDescription): Entry {
	let cache = caches.get(service);
	if (!cache) caches.set(service, (cache = new Map<string, Entry>()));
	const key = evaluationKey(description);
	const cached = cache.get(key);
	if (cached) return cached;
	const entry: Entry = {result: Promise.resolve(undefined as never), progress: {done: 0, total: 0}, listeners: new Set()};
	const onProgress = (done: number, total: number) => {
		entry.progress = {done, total};
		for (const listener of entry.listeners) listener(done, total);
	};
	entry.result = service.evaluate(description.name, {onProgress});
	entry.result.then(
		evaluation => (entry.evaluation = evaluation),
		// A failed evaluation is not kept: the next visit tries again.
		() => cache.delete(key),
	);
	cache.set(key, entry);
	return entry;
}

export function useEvaluation(model: string | undefined): EvaluationState {
	const {model: service} = useServices();
	const loaded = useModel(model);
	const description = loaded.status === 'loaded' ? loaded.description : undefined;
	// Tagged with the description it is about, so a new model never shows the last one's result.
	const [shown, setShown] = useState<{description: ModelDescription; state: EvaluationState}>();
	useEffect(() => {
		if (!description) return;
		let live = true;
		const show = (state: EvaluationState) => live && setShown({description, state});
		const entry = evaluationEntry(service, description);
		if (entry.evaluation) {
			show({phase: 'done', evaluation: entry.evaluation, description});
			return;
		}
		const listener = (done: number, total: number) => show({phase: 'running', done, total, description});
		entry.listeners.add(listener);
		show({phase: 'running', ...entry.progress, description});
		entry.result.then(
			evaluation => show({phase: 'done', evaluation, description}),
			(error: Error) => show({phase: 'failed', message: error.message}),
		);
		return () => {
			live = false;
			entry.listeners.delete(listener);
		};
	}, [service, description]);
	switch (loaded.status) {
		case 'none':
			return {phase: 'noModel'};
		case 'loading':
			return {phase: 'describing'};
		case 'failed':
			return {phase: 'failed', message: loaded.error};
		case 'loaded':
			return shown?.description === loaded.description ? shown.state : {phase: 'describing'};
	}
}
