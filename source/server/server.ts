// `digits serve`'s HTTP server (fastify): the web page, digits' own API, TensorFlow Serving's
// REST API, KServe's v2 protocol and Prometheus metrics, all answered by the model service's
// prediction child through one batcher. Safe by default: bearer tokens, strict headers,
// size limits and timeouts; every error is `{"error": "one sentence"}`.
import crypto from 'node:crypto';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import Fastify, {type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest} from 'fastify';
import type {ModelService} from '../model/service.js';
import {apiRoutes} from './api-routes.js';
import {Batcher, QueueFullError} from './batcher.js';
import {Metrics} from './metrics.js';
import {ModelCatalog, stopped} from './models.js';
import {protocolRoutes} from './protocol-routes.js';
import {RequestError} from './request-error.js';

export type ServerOptions = {
	service: ModelService;
	defaultModel: string;
	/** Requests to the APIs need `Authorization: Bearer <token>`. */
	token?: string;
	/** The origin allowed to call the APIs from another site, or `*`. */
	cors?: string;
	maxBatch: number;
	maxQueue: number;
	/** The built web page's folder. */
	webRoot: string;
	/** Called once per answered request. */
	onRequest?: (entry: RequestLog) => void;
};

export type RequestLog = {time: string; method: string; url: string; status: number; ms: number};

export const maxBodyBytes = 10 * 1024 * 1024;

/** What the routes share: the models, the batcher, and whether the prediction child is ready. */
export type ServerContext = {
	catalog: ModelCatalog;
	batcher: Batcher;
	health: Health;
	metrics: Metrics;
};

/** The prediction child's state: not ready until the default model is loaded, and again after it stopped until it is back. */
export class Health {
	ready = false;

	constructor(private readonly catalog: ModelCatalog) {}

	/** Loads the default model (starting the child again if it stopped); ready once it is in. */
	async recover(): Promise<void> {
		this.ready = false;
		this.catalog.forget();
		await this.catalog.load(this.catalog.defaultModel);
		this.ready = true;
	}
}

const securityHeaders = {
	'content-security-policy':
		"default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
	'x-content-type-options': 'nosniff',
	'x-frame-options': 'DENY',
	'referrer-policy': 'no-referrer',
	'cross-origin-opener-policy': 'same-origin',
};

/** Paths anyone may fetch even with a token: the page, its files and the health checks. */
const open = (url: string) => !/^\/(api|v1|v2|metrics)(\/|$|\?)/.test(url) || url.startsWith('/v2/health/');

export function buildServer(options: ServerOptions): {app: FastifyInstance; context: ServerContext} {
	const app = Fastify({
		bodyLimit: maxBodyBytes,
		// Slow clients (slowloris) are cut off: whole headers within 5 s, the whole request within 10 s.
		requestTimeout: 10_000,
		connectionTimeout: 30_000,
		keepAliveTimeout: 5_000,
		http: {headersTimeout: 5_000, connectionsCheckingInterval: 1_000},
		return503OnClosing: true,
		// Routes are matched case-sensitively, with or without a trailing slash.
		routerOptions: {ignoreTrailingSlash: true},
	});
	const metrics = new Metrics();
	const catalog = new ModelCatalog(options.service, options.defaultModel, (model, seconds) => metrics.modelLoaded(model, seconds));
	const batcher = new Batcher((images, model) => options.service.predict(images, model), options, {onBatch: size => metrics.batch(size)});
	metrics.queueLength = () => batcher.length;
	const context: ServerContext = {catalog, batcher, health: new Health(catalog), metrics};
	// A prediction child that stopped is started again at once: ready again once the default model is back in.
	options.service.onStopped?.(work => {
		if (work === 'predict') context.health.recover().catch(() => {});
	});
	guard(app, options);
	observe(app, context, options.onRequest);
	answerErrors(app);
	// Any body the JSON parser does not take arrives as bytes: an image, or JSON sent as a form or
	// as text (`curl -d '{...}'`, as TensorFlow Serving's own examples do; fetch with a string).
	app.removeContentTypeParser('text/plain');
	app.addContentTypeParser('*', {parseAs: 'buffer'}, (_request, body, done) => done(null, body));
	void app.register(fastifyMultipart, {limits: {fileSize: maxBodyBytes, files: 256, fields: 16, parts: 272}});
	void app.register(fastifyStatic, {root: options.webRoot, dotfiles: 'deny', index: 'index.html', wildcard: false});
	apiRoutes(app, context);
	protocolRoutes(app, context);
	return {app, context};
}

/** Tokens, CORS and the headers every answer carries. */
function guard(app: FastifyInstance, {token, cors}: ServerOptions): void {
	const wanted = token === undefined ? undefined : crypto.createHash('sha256').update(token).digest();
	app.addHook('onRequest', async (request, reply) => {
		void reply.headers(securityHeaders);
		if (cors) void reply.headers({'access-control-allow-origin': cors, vary: 'Origin'});
		if (request.method === 'OPTIONS' && cors) {
			return reply
				.code(204)
				.headers({'access-control-allow-methods': 'GET, POST, OPTIONS', 'access-control-allow-headers': 'Authorization, Content-Type', 'access-control-max-age': '600'})
				.send();
		}
		if (!wanted || open(request.url)) return;
		const given = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
		const match = given !== undefined && crypto.timingSafeEqual(crypto.createHash('sha256').update(given).digest(), wanted);
		if (!match) {
			throw new RequestError(401, given === undefined ? 'This server needs a token: send "Authorization: Bearer <token>".' : 'The token is wrong; send the one the server was started with.', {
				'www-authenticate': 'Bearer',
			});
		}
	});
}

/** Metrics and the request log: one entry per answered request. */
function observe(app: FastifyInstance, {metrics}: ServerContext, log: ServerOptions['onRequest']): void {
	app.addHook('onResponse', async (request, reply) => {
		const seconds = reply.elapsedTime / 1000;
		metrics.request(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, seconds);
		log?.({time: new Date().toISOString(), method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 100) / 100});
	});
}

function answerErrors(app: FastifyInstance): void {
	app.setNotFoundHandler((request, reply) => {
		void reply.code(404).send({error: `There is nothing at ${request.method} ${request.url.split('?')[0]}; the page is at / and the APIs under /api, /v1, /v2 and /metrics.`});
	});
	app.setErrorHandler((error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
		const {status, message, headers} = describeError(error);
		void reply.code(status).headers(headers).send({error: message});
	});
}

/** Every failure as its status and one sentence. */
function describeError(error: FastifyError): {status: number; message: string; headers: Record<string, string>} {
	const megabytes = `${maxBodyBytes / (1024 * 1024)} MB`;
	if (error instanceof RequestError) return {status: error.status, message: error.message, headers: error.headers};
	if (error instanceof QueueFullError) return {status: 503, message: error.message, headers: {'retry-after': '1'}};
	if (stopped(error)) return {status: 503, message: 'The model service stopped and is starting again; retry in a few seconds.', headers: {'retry-after': '3'}};
	const known: Record<string, [number, string]> = {
		FST_ERR_CTP_BODY_TOO_LARGE: [413, `The body is larger than ${megabytes}; send a smaller image.`],
		FST_REQ_FILE_TOO_LARGE: [413, `An uploaded file is larger than ${megabytes}; send a smaller image.`],
		FST_FILES_LIMIT: [413, 'The form holds too many files; send at most 256 at once.'],
		FST_PARTS_LIMIT: [413, 'The form holds too many parts; send at most 256 files at once.'],
		FST_FIELDS_LIMIT: [413, 'The form holds too many fields; send image files only.'],
		FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'The body is empty; send a JSON object.'],
		FST_ERR_CTP_INVALID_JSON_BODY: [400, 'The body is not valid JSON; check its brackets, commas and quotes.'],
		FST_ERR_VALIDATION: [400, `The request's ${error.validationContext ?? 'input'} is wrong: ${error.message.replace(/^\w+\//, '')}.`],
	};
	const [status, message] = known[error.code] ?? (error.statusCode && error.statusCode < 500 ? [error.statusCode, `The request is wrong: ${error.message}.`] : [500, `digits failed unexpectedly: ${error.message}`]);
	return {status, message, headers: {}};
}
