// The services the screens use, passed down through a context so tests can hand in fakes.
import {createContext, useContext, type ReactNode} from 'react';
import type {ModelService} from '../model/service.js';
import {checkModelName, findModel} from '../model/store.js';
import type {FormContext} from './train-form.js';

/** The part of ModelService the app calls: a fake only needs these. */
export type ModelServiceLike = Pick<ModelService, 'ready' | 'load' | 'train'>;

export type AppServices = {
	model: ModelServiceLike;
	store: FormContext;
};

export const realStore: FormContext = {
	modelExists: name => findModel(name) !== undefined,
	checkModelName,
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
