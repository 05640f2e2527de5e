// The MNIST test images, for drawing digits on the Evaluate and Examples screens: read once
// per app (about 8 MB) and kept, since their order is the order of every evaluation.
import {useEffect, useState} from 'react';
import {useServices, type AppServices} from './use-services.js';
import {loadMnist, type MnistSplit} from '../data/mnist.js';

const loaded = new WeakMap<AppServices, Promise<MnistSplit>>();

export function testSetOf(services: AppServices): Promise<MnistSplit> {
	let result = loaded.get(services);
	if (!result) {
		result = (services.testSet ?? (() => loadMnist('test')))();
		// A failed read is tried again on the next visit.
		result.catch(() => loaded.delete(services));
		loaded.set(services, result);
	}
	return result;
}

export type TestSetState = {phase: 'loading'} | {phase: 'ready'; testSet: MnistSplit} | {phase: 'failed'; message: string};

export function useTestSet(): TestSetState {
	const services = useServices();
	const [state, setState] = useState<TestSetState>({phase: 'loading'});
	useEffect(() => {
		let live = true;
		testSetOf(services).then(
			testSet => live && setState({phase: 'ready', testSet}),
			(error: Error) => live && setState({phase: 'failed', message: error.message}),
		);
		return () => {
			live = false;
		};
	}, [services]);
	return state;
}
