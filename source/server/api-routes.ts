// digits' own API: `POST /api/predict` answers exactly as `digits predict --json` does (an
// array, one entry per image; with ?number=1 as `digits predict --number --json`), and the
// model list, descriptions and evaluations the page shows.
import type {FastifyInstance, FastifyRequest} from 'fastify';
import {imagePixels} from '../digit-size.js';
import type {NumberDigit, NumberReading} from '../image/number.js';
import {prepareImage, readNumberImage, type Prepared} from '../image/prepare.js';
import {predictions, type Prediction} from '../model/inference.js';
import {RequestError} from './request-error.js';
import type {ServerContext} from './server.js';

type Upload = {file: string | null; bytes: Uint8Array};
type Outcome = ({file: string | null} & Prediction & {input?: number[]}) | {file: string | null; error: string};
type NumberOutcome = ({file: string | null} & NumberReading & {digits: Array<NumberDigit & {input?: number[]}>}) | {file: string | null; error: string};

const nameParam = {type: 'object', properties: {name: {type: 'string', minLength: 1, maxLength: 64}}, required: ['name']} as const;
const predictQuery = {
	type: 'object',
	properties: {
		model: {type: 'string', minLength: 1, maxLength: 64},
		input: {type: 'string', enum: ['0', '1', 'true', 'false']},
		number: {type: 'string', enum: ['0', '1', 'true', 'false']},
	},
	additionalProperties: false,
} as const;

export function apiRoutes(app: FastifyInstance, context: ServerContext): void {
	const {catalog} = context;
	app.post<{Querystring: {model?: string; input?: string; number?: string}}>('/api/predict', {schema: {querystring: predictQuery}}, async request => {
		const model = catalog.resolve(request.query.model);
		const uploads = request.isMultipart() ? await formFiles(request) : [rawBody(request.body)];
		const withInput = yes(request.query.input);
		return yes(request.query.number) ? readNumbers(context, uploads, model, withInput) : predictUploads(context, uploads, model, withInput);
	});
	app.get('/api/models', async () => catalog.list());
	app.get<{Params: {name: string}}>('/api/models/:name', {schema: {params: nameParam}}, async request => {
		const {path: _path, ...description} = await catalog.load(catalog.resolve(request.params.name));
		return description;
	});
	app.get<{Params: {name: string}}>('/api/models/:name/evaluation', {schema: {params: nameParam}}, async request => catalog.evaluation(catalog.resolve(request.params.name)));
}

const yes = (value: string | undefined) => value === '1' || value === 'true';

/** What the model saw, to three places (a sixth of the digits, the same picture). */
const inputValues = (pixels: Float32Array) => Array.from(pixels, value => Math.round(value * 1000) / 1000);

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
		if (withInput) outcome.input = inputValues(item.pixels);
		return outcome;
	});
}

/**
 * `?number=1`: each upload read as one number, as `digits predict --number` reads a file; the
 * digits of one upload go through the batcher together (and join other requests' calls).
 */
async function readNumbers(context: ServerContext, uploads: Upload[], model: string, withInput: boolean): Promise<NumberOutcome[]> {
	return Promise.all(
		uploads.map(async ({file, bytes}): Promise<NumberOutcome> => {
			let seen: Float32Array = new Float32Array(0);
			let answers: Prediction[] = [];
			const read = await readNumberImage(bytes, file ?? 'The uploaded image', async images => {
				seen = images;
				await context.catalog.load(model);
				answers = predictions(await context.batcher.run(images, model));
				return answers;
			});
			if (!read.reading) return {file, error: read.error};
			// The model read more candidates than there are digits: a digit's 28×28 is the image whose answer it carries.
			const inputOf = (digit: NumberDigit) => {
				const image = answers.findIndex(answer => answer.probabilities === digit.probabilities);
				return inputValues(seen.subarray(image * imagePixels, (image + 1) * imagePixels));
			};
			const digits = read.reading.digits.map(digit => (withInput ? {...digit, input: inputOf(digit)} : digit));
			return {file, ...read.reading, digits};
		}),
	);
}

/** The model's probabilities for images of 784 floats, through the batcher (the model loaded first). */
export async function predictPixels({catalog, batcher}: ServerContext, images: Float32Array[], model: string): Promise<Float32Array> {
	await catalog.load(model);
	const batch = new Float32Array(images.length * imagePixels);
	images.forEach((image, i) => batch.set(image, i * imagePixels));
	return batcher.run(batch, model);
}
