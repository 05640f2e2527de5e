// Typed access to the TensorFlow protobuf messages that tfjs-node ships (generated JS with
// no type declarations): only the messages and fields the SavedModel writer needs.
import {createRequire} from 'node:module';

/** TensorFlow's DataType numbers (types.proto); DT_RESOURCE is missing from tfjs-node's copy. */
export const DataType = {float: 1, int32: 3, bool: 10, resource: 20} as const;
export type DType = keyof typeof DataType;

type ProtoMap<V> = {set(key: string, value: V): ProtoMap<V>};
type Message = {serializeBinary(): Uint8Array};

export type TensorShapeProto = Message & {addDim(dim: TensorShapeDim): void; setUnknownRank(value: boolean): void};
type TensorShapeDim = {setSize(size: number): void};
export type TensorProto = Message & {
	setDtype(dtype: number): void;
	setTensorShape(shape: TensorShapeProto): void;
	setTensorContent(bytes: Uint8Array): void;
};
type ListValue = {setIList(values: number[]): void; setTypeList(values: number[]): void};
export type AttrValueProto = Message & {
	setList(list: ListValue): void;
	setS(value: Uint8Array | string): void;
	setI(value: number): void;
	setF(value: number): void;
	setB(value: boolean): void;
	setType(value: number): void;
	setShape(value: TensorShapeProto): void;
	setTensor(value: TensorProto): void;
};
export type NodeDefProto = Message & {
	setName(name: string): void;
	setOp(op: string): void;
	addInput(input: string): void;
	getAttrMap(): ProtoMap<AttrValueProto>;
};
type VersionDefProto = {setProducer(value: number): void};
export type GraphDefProto = Message & {addNode(node: NodeDefProto): void; setVersions(versions: VersionDefProto): void};
type TensorInfoProto = {setName(name: string): void; setDtype(dtype: number): void; setTensorShape(shape: TensorShapeProto): void};
type SignatureDefProto = {getInputsMap(): ProtoMap<TensorInfoProto>; getOutputsMap(): ProtoMap<TensorInfoProto>; setMethodName(name: string): void};
type NodeListProto = {addValue(value: string): void};
type CollectionDefProto = {setNodeList(list: NodeListProto): void};
type MetaInfoDefProto = {addTags(tag: string): void; setTensorflowVersion(version: string): void};
type MetaGraphDefProto = {
	setMetaInfoDef(info: MetaInfoDefProto): void;
	setGraphDef(graph: GraphDefProto): void;
	getCollectionDefMap(): ProtoMap<CollectionDefProto>;
	getSignatureDefMap(): ProtoMap<SignatureDefProto>;
};
export type SavedModelProto = Message & {setSavedModelSchemaVersion(version: number): void; addMetaGraphs(graph: MetaGraphDefProto): void};

type Constructor<T> = new () => T;
type Messages = {
	TensorShape: Constructor<TensorShapeProto> & {Dim: Constructor<TensorShapeDim>};
	Tensor: Constructor<TensorProto>;
	AttrValue: Constructor<AttrValueProto> & {ListValue: Constructor<ListValue>};
	NodeDef: Constructor<NodeDefProto>;
	VersionDef: Constructor<VersionDefProto>;
	GraphDef: Constructor<GraphDefProto>;
	TensorInfo: Constructor<TensorInfoProto>;
	SignatureDef: Constructor<SignatureDefProto>;
	CollectionDef: Constructor<CollectionDefProto> & {NodeList: Constructor<NodeListProto>};
	MetaGraphDef: Constructor<MetaGraphDefProto> & {MetaInfoDef: Constructor<MetaInfoDefProto>};
	SavedModel: Constructor<SavedModelProto>;
};

let loaded: Messages | undefined;

/** tfjs-node's generated messages, loaded on first use (only the native backend has them). */
export function messages(): Messages {
	loaded ??= createRequire(import.meta.url)('@tensorflow/tfjs-node/dist/proto/api_pb') as Messages;
	return loaded;
}

/** A shape; -1 is a dimension known only at run time (the batch). */
export function shapeProto(shape: readonly number[]): TensorShapeProto {
	const {TensorShape} = messages();
	const proto = new TensorShape();
	for (const size of shape) {
		const dim = new TensorShape.Dim();
		dim.setSize(size);
		proto.addDim(dim);
	}
	return proto;
}
