// `digits serve`: the web page and the inference APIs over HTTP (server/), with the bin's
// model service. Prints the address, logs one line per request, and stops gracefully: a
// signal lets the requests in flight finish, then stops the children (exit 130 or 143).
import path from 'node:path';
import {UserError, signalExitCodes, type ExitSignal} from '../errors.js';
import type {ModelService} from '../model/service.js';
import {packageRoot, resolveModel} from '../model/store.js';
import {buildServer, type RequestLog} from '../server/server.js';

export type ServeOptions = {
	port: number;
	host: string;
	model?: string;
	token?: string;
	/** `--no-auth`: serve another host without a token, knowingly. */
	noAuth: boolean;
	cors?: string;
	maxBatch: number;
	maxQueue: number;
	jsonLog: boolean;
};

type Writer = {write: (text: string) => unknown};

const loopback = new Set(['127.0.0.1', 'localhost', '::1']);

export async function serveCommand(service: ModelService, options: ServeOptions, {stdout = process.stdout, stderr = process.stderr}: {stdout?: Writer; stderr?: Writer} = {}): Promise<number> {
	if (!loopback.has(options.host) && options.token === undefined) {
		if (!options.noAuth) {
			throw new UserError(`digits serve on ${options.host} would let anyone who can reach this machine use it; add --token TOKEN (clients send "Authorization: Bearer TOKEN"), or --no-auth to serve without one.`, 2);
		}
		stderr.write(`digits serve: warning: serving ${options.host} without a token (--no-auth); anyone who can reach this machine can use it.\n`);
	}
	const {name: defaultModel} = resolveModel(options.model);
	const log = batchedWriter(stdout);
	const {app, context} = buildServer({
		service,
		defaultModel,
		token: options.token,
		cors: options.cors,
		maxBatch: options.maxBatch,
		maxQueue: options.maxQueue,
		webRoot: path.join(packageRoot, 'dist', 'web'),
		onRequest: entry => log.write(options.jsonLog ? `${JSON.stringify(entry)}\n` : logLine(entry)),
	});
	try {
		await app.listen({port: options.port, host: options.host});
	} catch (error) {
		throw listenError(error as NodeJS.ErrnoException, options);
	}
	const address = app.server.address();
	const port = typeof address === 'object' && address ? address.port : options.port;
	const host = options.host.includes(':') ? `[${options.host}]` : options.host;
	stdout.write(`digits serve: http://${host}:${port}/ (model ${defaultModel})\n`);
	context.health.recover().catch((error: unknown) => stderr.write(`digits serve: the model "${defaultModel}" could not be loaded: ${(error as Error).message}\n`));
	const signal = await new Promise<ExitSignal>(resolve => {
		for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(name, () => resolve(name));
	});
	// A second signal does not wait for the requests in flight.
	for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(name, () => process.exit(signalExitCodes[name]));
	stderr.write('digits serve: stopping after the requests in flight\n');
	await app.close();
	log.flush();
	service.close();
	return signalExitCodes[signal];
}

// Log lines are written together at most this often: a write per request (a system call when
// the log is a file) was a tenth of the server's CPU time per answer under load.
const LOG_DELAY_MS = 20;

/** Collects text and writes it in one piece `LOG_DELAY_MS` after the first of it, or on `flush`. */
function batchedWriter(out: Writer): {write: (text: string) => void; flush: () => void} {
	let pending = '';
	let timer: NodeJS.Timeout | undefined;
	const flush = () => {
		clearTimeout(timer);
		timer = undefined;
		if (pending) out.write(pending);
		pending = '';
	};
	return {
		write(text) {
			pending += text;
			timer ??= setTimeout(flush, LOG_DELAY_MS);
		},
		flush,
	};
}

function logLine({time, method, url, status, ms}: RequestLog): string {
	return `${time} ${method} ${url} ${status} ${ms} ms\n`;
}

function listenError(error: NodeJS.ErrnoException, {host, port}: ServeOptions): UserError {
	if (error.code === 'EADDRINUSE') return new UserError(`Port ${port} on ${host} is in use by another program; pick another with --port.`);
	if (error.code === 'EACCES') return new UserError(`digits may not listen on port ${port} (permission denied); use a port above 1023.`);
	if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') return new UserError(`${host} is not an address of this machine; use 127.0.0.1, 0.0.0.0 or one of its own addresses with --host.`);
	return new UserError(`digits serve could not listen on ${host}:${port} (${error.message}).`);
}
