// Writes a SavedModel folder (saved_model.pb only) that TensorFlow's loader accepts:
// variables get their first values from an init op named in the `saved_model_main_op`
// collection, so no `variables/` checkpoint is needed. A graph without variables (weights
// as constants, see export.ts) needs no init op at all.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {NamedTensorMap} from '@tensorflow/tfjs';
import type {TF} from '../backend.js';
import {tensorName, type GraphBuilder, type Operation, type Output} from './builder.js';
import {GraphUnsupported} from './layers.js';
import {DataType, messages, shapeProto} from './proto.js';

export const savedModelTag = 'serve';
const mainOpCollection = 'saved_model_main_op';
const predictMethod = 'tensorflow/serving/predict';

/** A tensor a signature takes or gives, with its static shape (-1: known at run time). */
export type SignatureTensor = {tensor: Output; shape: readonly number[]};
export type Signature = {inputs: Record<string, SignatureTensor>; outputs: Record<string, SignatureTensor>};

export function writeSavedModel(dir: string, graph: GraphBuilder, init: Operation | undefined, signatures: Record<string, Signature>): void {
	const {SavedModel, MetaGraphDef, CollectionDef, SignatureDef, TensorInfo} = messages();
	const metaGraph = new MetaGraphDef();
	const info = new MetaGraphDef.MetaInfoDef();
	info.addTags(savedModelTag);
	metaGraph.setMetaInfoDef(info);
	metaGraph.setGraphDef(graph.toGraphDef());

	if (init) {
		const mainOp = new CollectionDef.NodeList();
		mainOp.addValue(init.node);
		const collection = new CollectionDef();
		collection.setNodeList(mainOp);
		metaGraph.getCollectionDefMap().set(mainOpCollection, collection);
	}

	const tensorInfo = ({tensor, shape}: SignatureTensor) => {
		const proto = new TensorInfo();
		proto.setName(tensorName(tensor));
		proto.setDtype(DataType[tensor.dtype]);
		proto.setTensorShape(shapeProto(shape));
		return proto;
	};
	for (const [name, signature] of Object.entries(signatures)) {
		const def = new SignatureDef();
		for (const [key, value] of Object.entries(signature.inputs)) def.getInputsMap().set(key, tensorInfo(value));
		for (const [key, value] of Object.entries(signature.outputs)) def.getOutputsMap().set(key, tensorInfo(value));
		def.setMethodName(predictMethod);
		metaGraph.getSignatureDefMap().set(name, def);
	}

	const savedModel = new SavedModel();
	savedModel.setSavedModelSchemaVersion(1);
	savedModel.addMetaGraphs(metaGraph);
	fs.mkdirSync(dir, {recursive: true});
	fs.writeFileSync(path.join(dir, 'saved_model.pb'), savedModel.serializeBinary());
}

/** A signature opened in a TensorFlow session: one session call per `predict`. */
export type Session = {predict(inputs: NamedTensorMap): NamedTensorMap; dispose(): void};
type NodeApi = {node?: {loadSavedModel: (dir: string, tags: string[], signature: string) => Promise<Session>}};

/**
 * Writes the graph into a temporary SavedModel folder and opens each of its signatures in
 * tfjs-node's session; the folder is gone when this returns (the sessions hold the graph).
 */
export async function openSignatures<Name extends string>(
	tf: TF,
	{graph, init, signatures}: {graph: GraphBuilder; init: Operation; signatures: Record<Name, Signature>},
): Promise<Record<Name, Session>> {
	const load = (tf as unknown as NodeApi).node?.loadSavedModel;
	if (!load) throw new GraphUnsupported('the native TensorFlow backend is not loaded');
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digits-graph-'));
	const opened: Partial<Record<Name, Session>> = {};
	try {
		writeSavedModel(dir, graph, init, signatures);
		for (const name of Object.keys(signatures) as Name[]) opened[name] = await load(dir, [savedModelTag], name);
		return opened as Record<Name, Session>;
	} catch (error) {
		for (const session of Object.values<Session | undefined>(opened)) session?.dispose();
		throw error;
	} finally {
		fs.rmSync(dir, {recursive: true, force: true});
	}
}
