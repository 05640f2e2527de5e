// A model-service child process (service.ts starts one to predict and one to train; only
// they load TensorFlow). It answers requests from service.ts over IPC; typed arrays cross,
// tensors never do.
import fs from 'node:fs';
import path from 'node:path';
import type {LayersModel} from '@tensorflow/tfjs';
import {loadMnist} from '../data/mnist.js';
import {writeFailure} from '../output-files.js';
import {loadBackend} from './backend.js';
import {exportServingModel} from './graph/export.js';
import {graphPredictor} from './graph/predictor.js';
import {layersPredictor, predictProbabilities, topClasses, type Predictor} from './inference.js';
import {metricsFrom} from './metrics.js';
import {loadModel} from './model-files.js';
import {presetLayers} from './presets.js';
import {packageRoot, readMeta, resolveModel} from './store.js';
import {train} from './train.js';
import type {Method, Methods, Reply, Request} from './protocol.js';
import type {Evaluation, ModelDescription} from './types.js';

const send = (reply: Reply) => process.send!(reply);

/** A loaded model; `fast` is set once the move to its graph has begun (see makeFast). */
type Loaded = {name: string; dir: string; savedAt: number; model: LayersModel; predictor: Predictor; fast?: Promise<void>};
let current: Loaded | undefined;
const cancelled = new Set<number>();

/**
 * The named model, else the one loaded last, else the default one. One switch at a time, in
 * the order the requests came: a request without a name waits for a load sent before it.
 */
let switching: Promise<unknown> = Promise.resolve();
function modelFor(name?: string): Promise<Loaded> {
	const next = switching.then(() => switchModel(name));
	switching = next.catch(() => {});
	return next;
}

/** Models loaded before, kept for a switch back (the server predicts with any installed model). */
const kept: Loaded[] = [];
const keptModels = 4;

async function switchModel(name?: string): Promise<Loaded> {
	if (name === undefined && current) return current;
	const {name: resolved, dir} = resolveModel(name);
	// A model trained again under the same name is a new folder (saves rename): reload it.
	const savedAt = fs.statSync(dir).mtimeMs;
	if (current?.name === resolved && current.dir === dir && current.savedAt === savedAt) return current;
	const index = kept.findIndex(loaded => loaded.name === resolved);
	const found = index === -1 ? undefined : kept.splice(index, 1)[0]!;
	if (found && found.dir === dir && found.savedAt === savedAt) current = found;
	else {
		if (found) dispose(found);
		const model = await loadModel(backend.tf, dir);
		current = {name: resolved, dir, savedAt, model, predictor: layersPredictor(model)};
	}
	kept.unshift(current);
	for (const old of kept.splice(keptModels)) dispose(old);
	return current;
}

function dispose(loaded: Loaded): void {
	loaded.predictor.dispose?.();
	loaded.model.dispose();
}

/**
 * Moves the model to a one-call graph of itself on the native backend (see graph/predictor.ts):
 * a quarter of the single-image time (0.5 ms against 2.1–2.4 ms) and more images/s in
 * batches, but 140–230 ms to build. So a model starts on the layers model and moves after
 * its first prediction (a one-shot `digits predict` never pays for it), or before an
 * evaluation. When the graph cannot be built it stays on the layers model (said on stderr,
 * kept for --debug).
 */
function makeFast(loaded: Loaded): Promise<void> {
	if (backend.backend !== 'tensorflow') return (loaded.fast ??= Promise.resolve());
	loaded.fast ??= (async () => {
		try {
			const predictor = await graphPredictor(backend.tf, loaded.model, presetLayers(readMeta(loaded.dir).preset));
			if (kept.includes(loaded)) loaded.predictor = predictor;
			else predictor.dispose();
		} catch (error) {
			// A model let go meanwhile (and disposed) is no news.
			if (kept.includes(loaded)) process.stderr.write(`digits: predicting op by op, the model's graph could not be built (${(error as Error).message.split('\n')[0]}).\n`);
		}
	})();
	return loaded.fast;
}

function describe(): ModelDescription {
	if (!current) throw new Error('No model is loaded.');
	const layers = current.model.layers.map(layer => ({
		name: layer.name,
		type: layer.getClassName(),
		outputShape: layer.outputShape as Array<number | null>,
		parameters: layer.countParams(),
	}));
	return {
		name: current.name,
		path: current.dir,
		backend: backend.backend,
		layers,
		parameters: layers.reduce((sum, layer) => sum + layer.parameters, 0),
		meta: readMeta(current.dir),
	};
}

async function evaluate(id: number, name?: string): Promise<Evaluation> {
	const loaded = await modelFor(name);
	await makeFast(loaded);
	const {name: resolved, dir, predictor} = loaded;
	const test = await loadMnist('test');
	const probabilities = await predictProbabilities(backend.tf, predictor, test.images, (done, total) =>
		send({id, type: 'progress', done, total}),
	);
	const {predicted, confidences} = topClasses(probabilities);
	return {backend: backend.backend, model: resolved, path: dir, ...metricsFrom(test.labels, predicted), labels: test.labels, predicted, confidences};
}

function versions(): Record<string, string> {
	const own = JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as {version: string};
	return {digits: own.version, tfjs: backend.tf.version_core, node: process.versions.node};
}

/** One handler per method: each must answer with its method's reply. */
const handlers: {[M in Method]: (request: Request<M>) => Promise<Methods[M]['reply']> | Methods[M]['reply']} = {
	load: async ({name}) => {
		await modelFor(name);
		return describe();
	},
	describe,
	predict: async ({name, images}) => {
		const loaded = await modelFor(name);
		const probabilities = await predictProbabilities(backend.tf, loaded.predictor, images);
		// After this reply is on its way.
		if (!loaded.fast) setImmediate(() => void makeFast(loaded));
		return probabilities;
	},
	evaluate: ({id, name}) => evaluate(id, name),
	train: async ({id, options}) => {
		await train(
			{
				tf: backend.tf,
				backend: backend.backend,
				versions: versions(),
				emit: event => send({id, type: 'event', event}),
				isCancelled: () => cancelled.has(id),
			},
			options,
		);
		cancelled.delete(id);
		return null;
	},
	cancel: ({target}) => {
		cancelled.add(target);
		return null;
	},
	export: async ({name, out}) => {
		const loaded = await modelFor(name);
		try {
			const {version, difference} = await exportServingModel(backend.tf, loaded.model, presetLayers(readMeta(loaded.dir).preset), out);
			return {model: loaded.name, version, difference};
		} catch (error) {
			const reason = writeFailure(error);
			if (reason !== undefined) throw new Error(`Could not write the SavedModel into ${out}: ${reason}.`);
			throw error;
		}
	},
};

// Generic, so that the compiler pairs each request with its own handler.
async function handle<M extends Method>(request: Request<M>): Promise<Methods[M]['reply']> {
	return handlers[request.method](request);
}

// Before TensorFlow loads: a parent that gives up meanwhile (a usage error) must not wait for it.
process.on('disconnect', () => process.exit(0));
// A terminal's Ctrl-C reaches the whole process group; the parent says what it means (`digits
// train`: stop after this batch) and, if it leaves, the disconnect above ends this process.
process.on('SIGINT', () => {});
const backend = await loadBackend();
process.on('message', (request: Request) => {
	handle(request).then(
		value => send({id: request.id, type: 'result', value}),
		(error: Error) => send({id: request.id, type: 'error', message: error.message, stack: error.stack ?? ''}),
	);
});
send({type: 'ready', backend: backend.backend, reason: backend.reason});
