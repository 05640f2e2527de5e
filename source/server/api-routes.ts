// digits' own API: `POST /api/predict` answers exactly as `digits predict --json` does (an
// array, one entry per image), and the model list, descriptions and evaluations the page shows.
import type {FastifyInstance, FastifyRequest} from 'fastify';
import {imagePixels} from '../digit-size.js';
import {prepareImage, type Prepared} from '../image/prepare.js';
import {predictions, type Prediction} from '../model/inference.js';
import {RequestError} from './request-error.js';
import type {ServerContext} from './server.js';

type Upload = {file: string | null; bytes: Uint8Array};
type Outcome = ({file: string | null} & Prediction & {input?: number[]}) | {file: string | null; error: string};

const nameParam = {type: 'object', properties: {name: {type: 'string', minLength: 1, maxLength: 64}}, required: ['name']} as const;
const predictQuery = {
	type: 'object',
	properties: {model: {type: 'string', minLength: 1, maxLength: 64}, input: {type: 'string', enum: ['0', '1', 'true', 'false']}},
	additionalProperties: false,
} as const;

export function apiRoutes(app: FastifyInstance, context: ServerContext): void {
	const {catalog} = context;
	app.post<{Querystring: {model?: string; input?: string}}>('/api/predict', {schema: {querystring: predictQuery}}, async request => {
		const model = catalog.resolve(request.query.model);
		const uploads = request.isMultipart() ? await formFiles(request) : [rawBody(request.body)];
		return predictUploads(context, uploads, model, request.query.input === '1' || request.query.input === 'true');
	});
	app.get('/api/models', async () => catalog.list());
	app.get<{Params: {name: string}}>('/api/models/:name', {schema: {params: nameParam}}, async request => {
		const {path: _path, ...description} = await catalog.load(catalog.resolve(request.params.name));
		return description;
	});
	app.get<{Params: {name: string}}>('/api/models/:name/evaluation', {schema: {params: nameParam}}, async request => catalog.evaluation(catalog.resolve(request.params.name)));
}

function rawBody(body: unknown): Upload {
	if (!(body instanceof Uint8Array) || body.byteLength === 0) {
		throw new RequestError(400, 'The body is empty; send an image file as the body, or files in a multipart/form-data form.');
	}
	return {file: null, bytes: body};
}

/** Every file of a multipart form, in order; fields that are not files are ignored. */
async function formFiles(request: FastifyRequest): Promise<Upload[]> {
	const uploads: Upload[] = [];
	try {
		for await (const part of request.parts()) {
			if (part.type === 'file') uploads.push({file: part.filename || part.fieldname, bytes: await part.toBuffer()});
		}
	} catch (error) {
		if ((error as {statusCode?: number}).statusCode === 413) throw error;
		throw new RequestError(400, `The multipart form is broken (${(error as Error).message}); send it again as multipart/form-data with image files.`);
	}
	if (uploads.length === 0) throw new RequestError(400, 'The form holds no file; add one or more image files to it.');
	return uploads;
}

/**
 * Each upload prepared as `digits predict` prepares a file, the good ones predicted together
 * (one batcher call), the rest answered with their sentence.
 */
async function predictUploads(context: ServerContext, uploads: Upload[], model: string, withInput: boolean): Promise<Outcome[]> {
	const prepared: Prepared[] = await Promise.all(uploads.map(({file, bytes}) => prepareImage(bytes, file ?? 'The uploaded image')));
	const good = prepared.flatMap(item => (item.pixels ? [item.pixels] : []));
	const answers = good.length > 0 ? predictions(await predictPixels(context, good, model)) : [];
	let next = 0;
	return prepared.map((item, i): Outcome => {
		const file = uploads[i]!.file;
		if (!item.pixels) return {file, error: item.error};
		const outcome: Outcome = {file, ...answers[next++]!};
		// What the model saw, to three places (a sixth of the digits, the same picture).
		if (withInput) outcome.input = Array.from(item.pixels, value => Math.round(value * 1000) / 1000);
		return outcome;
	});
}

/** The model's probabilities for images of 784 floats, through the batcher (the model loaded first). */
export async function predictPixels({catalog, batcher}: ServerContext, images: Float32Array[], model: string): Promise<Float32Array> {
	await catalog.load(model);
	const batch = new Float32Array(images.length * imagePixels);
	images.forEach((image, i) => batch.set(image, i * imagePixels));
	return batcher.run(batch, model);
}
