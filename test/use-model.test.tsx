/* @jsxRuntime automatic */
// (tsx compiles test files with the classic JSX runtime unless told: they are outside tsconfig's include.)
// useModel: what it says for no name, a name loading, loaded or failed, and that a new name
// never shows the last model nor a late answer about it.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {Text} from 'ink';
import {cleanup, render} from 'ink-testing-library';
import {ServicesProvider, type AppServices} from '../source/hooks/use-services.js';
import {useModel} from '../source/hooks/use-model.js';
import type {ModelDescription} from '../source/model/types.js';
import {fakeDescription, fakeModelService} from './fake-model-service.js';
import {delay, waitForFrame} from './tui-helpers.js';

afterEach(() => cleanup());

function Probe({name}: {name: string | undefined}) {
	const model = useModel(name);
	return <Text>{model.status === 'loaded' ? `loaded ${model.description.name}` : model.status === 'failed' ? `failed: ${model.error}` : model.status}</Text>;
}

/** Loads answer when the test says so: `answer(name)` resolves, `fail(name, message)` rejects. */
function slowService() {
	const pending = new Map<string, {resolve: (description: ModelDescription) => void; reject: (error: Error) => void}>();
	const loads: string[] = [];
	const model = fakeModelService({
		load: (name?: string) =>
			new Promise<ModelDescription>((resolve, reject) => {
				loads.push(name!);
				pending.set(name!, {resolve, reject});
			}),
	});
	const services: AppServices = {model, store: {modelExists: () => false, checkModelName: () => {}}};
	return {
		services,
		loads,
		answer: (name: string) => pending.get(name)!.resolve(fakeDescription(name, 'tensorflow')),
		fail: (name: string, message: string) => pending.get(name)!.reject(new Error(message)),
	};
}

test('no name: none, and nothing is loaded', async () => {
	const {services, loads} = slowService();
	const app = render(
		<ServicesProvider services={services}>
			<Probe name={undefined} />
		</ServicesProvider>,
	);
	await delay(20);
	assert.equal(app.lastFrame(), 'none');
	assert.deepEqual(loads, []);
});

test('a name: loading, then loaded; a load that fails says why', async () => {
	const {services, answer, fail} = slowService();
	const app = render(
		<ServicesProvider services={services}>
			<Probe name="a" />
		</ServicesProvider>,
	);
	assert.equal(app.lastFrame(), 'loading');
	answer('a');
	await waitForFrame(app.lastFrame, frame => frame === 'loaded a');
	app.rerender(
		<ServicesProvider services={services}>
			<Probe name="b" />
		</ServicesProvider>,
	);
	fail('b', 'no such model');
	await waitForFrame(app.lastFrame, frame => frame === 'failed: no such model');
});

test('a new name shows loading at once, and a late answer about the old one is dropped', async () => {
	const {services, loads, answer} = slowService();
	const app = render(
		<ServicesProvider services={services}>
			<Probe name="a" />
		</ServicesProvider>,
	);
	answer('a');
	await waitForFrame(app.lastFrame, frame => frame === 'loaded a');
	app.rerender(
		<ServicesProvider services={services}>
			<Probe name="b" />
		</ServicesProvider>,
	);
	assert.equal(app.lastFrame(), 'loading', 'not the last model');
	app.rerender(
		<ServicesProvider services={services}>
			<Probe name="c" />
		</ServicesProvider>,
	);
	answer('b');
	await delay(30);
	assert.equal(app.lastFrame(), 'loading', 'b came too late');
	answer('c');
	await waitForFrame(app.lastFrame, frame => frame === 'loaded c');
	assert.deepEqual(loads, ['a', 'b', 'c']);
});
