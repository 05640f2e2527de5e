// The services the screens use, passed down through a context so tests can hand in fakes.
import {createContext, useCallback, useContext, type ReactNode} from 'react';
import type {MnistSplit} from '../data/mnist.js';
import type {ModelService} from '../model/service.js';
import {listModels, type ModelListing, type ModelNames} from '../model/store.js';
import type {Predict} from './use-sketch-prediction.js';

export type AppServices = {
	model: ModelService;
	store: ModelNames;
	/** The models on disk (the model picker); the store's listModels when absent. */
	listModels?: () => ModelListing[];
	/** The MNIST test images and labels (the Evaluate and Examples screens); loadMnist('test') when absent. */
	testSet?: () => Promise<MnistSplit>;
	/** Where the Evaluate screen writes reports (one folder per model); reports/ in the working directory when absent. */
	reportsDir?: string;
};

const ServicesContext = createContext<AppServices | undefined>(undefined);

export function ServicesProvider({services, children}: {services: AppServices; children: ReactNode}) {
	return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): AppServices {
	const services = useContext(ServicesContext);
	if (!services) throw new Error('useServices() needs a <ServicesProvider> above it.');
	return services;
}

/** Reads images with the model the service loaded last: the sketch pad's and the Load image screen's reading. */
export function usePredict(): Predict {
	const {model} = useServices();
	return useCallback<Predict>(images => model.predict(images), [model]);
}

/** Lists the models on disk, afresh on each call (a model trained meanwhile shows up). */
export function useListModels(): () => ModelListing[] {
	return useServices().listModels ?? listModels;
}
