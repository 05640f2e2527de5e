// The model-service child process: the only process that loads TensorFlow. It answers
// requests from service.ts over IPC; typed arrays cross, tensors never do.
import fs from 'node:fs';
import path from 'node:path';
import type {LayersModel} from '@tensorflow/tfjs';
import {loadMnist} from '../data/mnist.js';
import {loadBackend, type LoadedBackend} from './backend.js';
import {graphPredictor} from './graph/predictor.js';
import {layersPredictor, predictProbabilities, topClasses, type Predictor} from './inference.js';
import {metricsFrom} from './metrics.js';
import {loadModel} from './model-files.js';
import {presetLayers} from './presets.js';
import {packageRoot, readMeta, resolveModel} from './store.js';
import {train} from './train.js';
import type {Request, Reply} from './protocol.js';
import type {Evaluation, ModelDescription, TrainOptions} from './types.js';

const send = (reply: Reply) => process.send!(reply);

let backend: LoadedBackend;
let current: {name: string; dir: string; savedAt: number; model: LayersModel; predictor: Predictor} | undefined;
const cancelled = new Set<number>();

/** The named model, else the one loaded last, else the default one. */
async function useModel(name?: string) {
	if (name === undefined && current) return current;
	const {name: resolved, dir} = resolveModel(name);
	// A model trained again under the same name is a new folder (saves rename): reload it.
	const savedAt = fs.statSync(dir).mtimeMs;
	if (current?.name !== resolved || current.dir !== dir || current.savedAt !== savedAt) {
		const model = await loadModel(backend.tf, dir);
		const predictor = await fastPredictor(model, dir);
		current?.predictor.dispose?.();
		current?.model.dispose();
		current = {name: resolved, dir, savedAt, model, predictor};
	}
	return current;
}

/**
 * On the native backend a one-call graph of the model (see graph/predictor.ts); the layers
 * model itself elsewhere, or when the graph cannot be built (said on stderr, kept for --debug).
 */
async function fastPredictor(model: LayersModel, dir: string): Promise<Predictor> {
	if (backend.backend !== 'tensorflow') return layersPredictor(model);
	try {
		return await graphPredictor(backend.tf, model, presetLayers(readMeta(dir).preset));
	} catch (error) {
		process.stderr.write(`digits: predicting op by op, the model's graph could not be built (${(error as Error).message.split('\n')[0]}).\n`);
		return layersPredictor(model);
	}
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
	const {name: resolved, dir, predictor} = await useModel(name);
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

async function handle(request: Request): Promise<unknown> {
	switch (request.method) {
		case 'load':
			await useModel(request.name);
			return describe();
		case 'describe':
			return describe();
		case 'predict': {
			const {predictor} = await useModel(request.name);
			return predictProbabilities(backend.tf, predictor, request.images);
		}
		case 'evaluate':
			return evaluate(request.id, request.name);
		case 'train':
			await train(
				{
					tf: backend.tf,
					backend: backend.backend,
					versions: versions(),
					emit: event => send({id: request.id, type: 'event', event}),
					isCancelled: () => cancelled.has(request.id),
				},
				request.options as TrainOptions & {model: string},
			);
			cancelled.delete(request.id);
			return null;
		case 'cancel':
			cancelled.add(request.target);
			return null;
	}
}

backend = await loadBackend();
process.on('message', (request: Request) => {
	handle(request).then(
		value => send({id: request.id, type: 'result', value}),
		(error: Error) => send({id: request.id, type: 'error', message: error.message, stack: error.stack ?? ''}),
	);
});
process.on('disconnect', () => process.exit(0));
send({type: 'ready', backend: backend.backend, reason: backend.reason});
