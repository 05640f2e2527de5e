// Saves and loads models in the tfjs layers format (model.json + weights.bin), reading and
// writing the files ourselves: no `file://` handler, so the pure-JS backend works too.
import fs from 'node:fs';
import path from 'node:path';
import type {io, LayersModel} from '@tensorflow/tfjs';
import type {TF} from './backend.js';
import {ModelStoreError, writeModelFolder} from './store.js';
import type {ModelMeta} from './types.js';

const weightsFile = 'weights.bin';

/** Saves model and meta.json into `dir` atomically (temporary folder, then rename). */
export async function saveModel(tf: TF, model: LayersModel, dir: string, meta: ModelMeta): Promise<void> {
	await model.save(
		tf.io.withSaveHandler(async artifacts => {
			const weightData = artifacts.weightData as ArrayBuffer;
			const modelJson = {
				modelTopology: artifacts.modelTopology,
				format: 'layers-model',
				generatedBy: artifacts.generatedBy,
				convertedBy: null,
				weightsManifest: [{paths: [weightsFile], weights: artifacts.weightSpecs}],
			};
			writeModelFolder(dir, {
				'model.json': JSON.stringify(modelJson),
				[weightsFile]: new Uint8Array(weightData),
				'meta.json': JSON.stringify(meta, null, '\t') + '\n',
			});
			return {modelArtifactsInfo: {dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weightData.byteLength}};
		}),
	);
}

/** Loads `dir/model.json` and its weights, with one clear sentence for missing or damaged files. */
export async function loadModel(tf: TF, dir: string): Promise<LayersModel> {
	const modelFile = path.join(dir, 'model.json');
	let json: {modelTopology?: unknown; weightsManifest?: io.WeightsManifestConfig};
	try {
		json = JSON.parse(fs.readFileSync(modelFile, 'utf8')) as typeof json;
	} catch (error) {
		const what = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'is missing' : 'is not valid JSON';
		throw new ModelStoreError(`${modelFile} ${what}; the model is damaged. Train it again or pick another with --model.`);
	}
	const manifest = json.weightsManifest;
	if (!json.modelTopology || !Array.isArray(manifest)) {
		throw new ModelStoreError(`${modelFile} is not a tfjs layers model (no modelTopology or weightsManifest). Train it again.`);
	}
	const weightSpecs = manifest.flatMap(group => group.weights);
	const buffers = manifest.flatMap(group => group.paths).map(file => readWeights(path.join(dir, file)));
	const weightData = concatenate(buffers);
	const expectedBytes = weightSpecs.reduce((sum, spec) => sum + spec.shape.reduce((a, b) => a * b, 1) * 4, 0);
	if (weightData.byteLength !== expectedBytes) {
		throw new ModelStoreError(`The weights in ${dir} are truncated (${weightData.byteLength} of ${expectedBytes} bytes). Train the model again.`);
	}
	try {
		return await tf.loadLayersModel(tf.io.fromMemory({modelTopology: json.modelTopology, weightSpecs, weightData}));
	} catch (error) {
		throw new ModelStoreError(`${modelFile} could not be loaded (${(error as Error).message.split('\n')[0]}). Train the model again.`);
	}
}

function readWeights(file: string): Uint8Array {
	try {
		return fs.readFileSync(file);
	} catch {
		throw new ModelStoreError(`${file} is missing; the model is incomplete. Train it again or pick another with --model.`);
	}
}

function concatenate(parts: Uint8Array[]): ArrayBuffer {
	const total = parts.reduce((sum, part) => sum + part.byteLength, 0);
	const out = new Uint8Array(total);
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.byteLength;
	}
	return out.buffer;
}
