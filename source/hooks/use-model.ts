// One model's description, loaded through the model service whenever the name changes: for
// the screens that show a model and the hooks that need its description first.
import {useEffect, useState} from 'react';
import type {ModelService} from '../model/service.js';
import {useServices} from './use-services.js';
import type {ModelDescription} from '../model/types.js';

export type ModelState =
	| {status: 'none'}
	| {status: 'loading'}
	| {status: 'loaded'; description: ModelDescription}
	| {status: 'failed'; error: string};

const none: ModelState = {status: 'none'};
const loading: ModelState = {status: 'loading'};

/** `undefined`: no model to load ('none'). A new name shows 'loading' at once, never the last model. */
export function useModel(name: string | undefined): ModelState {
	const {model: service} = useServices();
	const [result, setResult] = useState<{name: string; service: ModelService; state: ModelState}>();
	useEffect(() => {
		if (name === undefined) return;
		let live = true;
		service.load(name).then(
			description => live && setResult({name, service, state: {status: 'loaded', description}}),
			(error: Error) => live && setResult({name, service, state: {status: 'failed', error: error.message}}),
		);
		return () => {
			live = false;
		};
	}, [service, name]);
	if (name === undefined) return none;
	return result && result.name === name && result.service === service ? result.state : loading;
}
