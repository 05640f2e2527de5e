// The standard inference APIs, shaped as their own servers answer, so their clients work
// unchanged: TensorFlow Serving's REST API (/v1), KServe's Open Inference Protocol (/v2) and
// Prometheus's /metrics.
import type {FastifyInstance} from 'fastify';
import {imagePixels, imageSide} from '../digit-size.js';
import {prepareImage} from '../image/prepare.js';
import {predictPixels} from './api-routes.js';
import {RequestError} from './request-error.js';
import type {ServerContext} from './server.js';
import {inferInputs, servingInstances, type Instance} from './tensors.js';

type Named = {Params: {name: string}};

/** The body as JSON, whatever it was sent as (`curl -d` sends JSON as a form). */
function jsonBody(body: unknown): unknown {
	if (body === undefined || (body instanceof Uint8Array && body.byteLength === 0)) throw new RequestError(400, 'The body is empty; send a JSON object.');
	if (!(body instanceof Uint8Array)) return body;
	try {
		return JSON.parse(Buffer.from(body).toString('utf8')) as unknown;
	} catch {
		throw new RequestError(400, 'The body is not valid JSON; check its brackets, commas and quotes.');
	}
}

export function protocolRoutes(app: FastifyInstance, context: ServerContext): void {
	tensorflowServing(app, context);
	kserve(app, context);
	app.get('/metrics', async (_request, reply) => reply.type('text/plain; version=0.0.4').send(context.metrics.text()));
}

const tensorShape = (dims: number[]) => ({dim: dims.map(size => ({size: String(size), name: ''})), unknown_rank: false});

function tensorflowServing(app: FastifyInstance, context: ServerContext): void {
	const {catalog} = context;
	app.get<Named>('/v1/models/:name', async request => {
		await catalog.load(catalog.resolve(request.params.name));
		return {model_version_status: [{version: '1', state: 'AVAILABLE', status: {error_code: 'OK', error_message: ''}}]};
	});
	app.get<Named>('/v1/models/:name/metadata', async request => {
		const name = catalog.resolve(request.params.name);
		await catalog.load(name);
		const signature = {
			inputs: {image: {dtype: 'DT_FLOAT', tensor_shape: tensorShape([-1, imageSide, imageSide, 1]), name: 'serving_default_image:0'}},
			outputs: {probabilities: {dtype: 'DT_FLOAT', tensor_shape: tensorShape([-1, 10]), name: 'StatefulPartitionedCall:0'}},
			method_name: 'tensorflow/serving/predict',
		};
		return {model_spec: {name, signature_name: '', version: '1'}, metadata: {signature_def: {signature_def: {serving_default: signature}}}};
	});
	// The method follows a colon in the last segment: /v1/models/best:predict.
	app.post<{Params: {spec: string}}>('/v1/models/:spec', async request => {
		const [name = '', method] = request.params.spec.split(':');
		if (method !== 'predict') throw new RequestError(404, `${request.url} is not an API: digits answers POST /v1/models/{name}:predict.`);
		const model = catalog.resolve(name);
		const body = jsonBody(request.body) as Record<string, unknown>;
		const signature = body['signature_name'];
		if (signature !== undefined && signature !== 'serving_default') throw new RequestError(400, `signature_name must be "serving_default" (got ${JSON.stringify(signature)}).`);
		const instances = servingInstances(body);
		const pixels = await Promise.all(instances.map(instancePixels));
		const probabilities = await predictPixels(context, pixels, model);
		const rows = Array.from({length: pixels.length}, (_, i) => Array.from(probabilities.subarray(i * 10, i * 10 + 10)));
		return 'instances' in body ? {predictions: rows} : {outputs: rows};
	});
}

/** An instance's pixels; an image file's decoded as `digits predict` does (a blank one is a 400 here: the protocol has no per-instance error). */
async function instancePixels(instance: Instance): Promise<Float32Array> {
	if ('pixels' in instance) return instance.pixels;
	const prepared = await prepareImage(instance.bytes, instance.field);
	if (prepared.error !== undefined) throw new RequestError(400, prepared.error.startsWith(instance.field) ? prepared.error : `${instance.field}: ${prepared.error}.`);
	return prepared.pixels;
}

function kserve(app: FastifyInstance, context: ServerContext): void {
	const {catalog, health} = context;
	const tensor = (name: string, shape: number[]) => ({name, datatype: 'FP32', shape});
	app.get('/v2', async () => ({name: 'digits', version: '1', extensions: []}));
	app.get('/v2/health/live', async () => ({live: true}));
	app.get('/v2/health/ready', async (_request, reply) => reply.code(health.ready ? 200 : 503).send({ready: health.ready}));
	app.get<Named>('/v2/models/:name', async request => ({
		name: catalog.resolve(request.params.name),
		versions: ['1'],
		platform: 'tensorflowjs',
		inputs: [tensor('image', [-1, imageSide, imageSide, 1])],
		outputs: [tensor('probabilities', [-1, 10])],
	}));
	app.get<Named>('/v2/models/:name/ready', async (request, reply) => {
		const name = catalog.resolve(request.params.name);
		if (health.ready) await catalog.load(name);
		return reply.code(health.ready ? 200 : 503).send({name, ready: health.ready});
	});
	app.post<Named>('/v2/models/:name/infer', async request => {
		const name = catalog.resolve(request.params.name);
		const body = jsonBody(request.body) as {id?: unknown; outputs?: Array<{name?: unknown}>};
		const unknown = body.outputs?.find(output => output.name !== 'probabilities');
		if (unknown) throw new RequestError(400, `outputs asks for ${JSON.stringify(unknown.name)}; the only output is "probabilities".`);
		const images = inferInputs(body);
		const count = images.length / imagePixels;
		const pixels = Array.from({length: count}, (_, i) => images.subarray(i * imagePixels, (i + 1) * imagePixels));
		const probabilities = await predictPixels(context, pixels, name);
		const id = typeof body.id === 'string' ? {id: body.id} : {};
		return {model_name: name, model_version: '1', ...id, outputs: [{...tensor('probabilities', [count, 10]), data: Array.from(probabilities)}]};
	});
}
