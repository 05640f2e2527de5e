// Serving benchmark: `digits serve` under load from autocannon, against the stack a Python
// user would deploy for the same network (bench/flask_serve.py: Flask + PyTorch under
// gunicorn, 2 workers), same payloads, same run, same machine.
// Standalone: `node --import tsx bench/serve-bench.ts [--quick] [--no-flask] [--no-best] [--no-long]
// [--duration S] [--warmup N] [--long N] [--autocannon]`
// (needs `npm run build` first); bench/bench.ts calls `measureServing` and prints its text.
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import {loadMnist} from '../source/data/mnist.js';
import {packageRoot} from '../source/model/store.js';
import {nativeEnvironment} from '../source/model/service.js';

export type ServingOptions = {
	/** Seconds per load run (one payload, one connection count). */
	duration: number;
	connections: number[];
	/** Requests sent to each stack before measuring. */
	warmup: number;
	/** Compare against Flask + PyTorch under gunicorn (installs them with pip when missing). */
	flask: boolean;
	/** Also serve digits' default model (`best`). */
	best: boolean;
	/** Requests for the memory check (sampled every `longEvery`); 0 skips it. */
	long: number;
	longEvery: number;
	/** wrk when installed, else autocannon. */
	generator?: Generator;
	onProgress: (line: string) => void;
};

export const quickServing: Omit<ServingOptions, 'onProgress'> = {duration: 2, connections: [1, 16, 64], warmup: 500, flask: false, best: false, long: 0, longEvery: 20_000};
export const fullServing: Omit<ServingOptions, 'onProgress'> = {duration: 10, connections: [1, 16, 64], warmup: 10_000, flask: true, best: true, long: 200_000, longEvery: 20_000};

type Payload = 'png' | 'json';
const payloadNames: Record<Payload, string> = {png: 'PNG upload (`image/png` body, 28×28 grayscale)', json: 'JSON instance (`{"instances": [28×28 floats]}`)'};

/** One load run's numbers, from autocannon. */
type Run = {stack: string; payload: Payload; connections: number; requestsPerSecond: number; p50: number; p99: number; errors: number; requests: number; cpu?: string};

type Memory = {what: string; pid: number};

/** A server under test: where to send each payload, and its processes for memory. */
type Stack = {
	name: string;
	url: string;
	paths: Record<Payload, string>;
	processes: () => Memory[];
	stop: () => Promise<void>;
};

const here = import.meta.dirname;
const python = process.env['DIGITS_PYTHON'] ?? 'python3';

/** 1,000 MNIST test digits as request bodies: PNG files (white on black, as an upload looks) and JSON instances. */
export async function servingPayloads(count = 1000): Promise<{png: Buffer[]; json: Buffer[]; labels: number[]}> {
	const test = await loadMnist('test', {limit: count});
	const {Jimp} = await import('jimp');
	const png: Buffer[] = [];
	const json: Buffer[] = [];
	for (let i = 0; i < test.count; i++) {
		const pixels = test.images.subarray(i * 784, (i + 1) * 784);
		const image = new Jimp({width: 28, height: 28, color: 0x000000ff});
		pixels.forEach((level, p) => image.bitmap.data.fill(level, p * 4, p * 4 + 3));
		// colorType 0: an 8-bit grayscale PNG, as a scanner or a paint program saves one.
		png.push(await image.getBuffer('image/png', {colorType: 0}));
		const rows = Array.from({length: 28}, (_, y) => Array.from(pixels.subarray(y * 28, y * 28 + 28), level => level / 255));
		json.push(Buffer.from(JSON.stringify({instances: [rows]})));
	}
	return {png, json, labels: Array.from(test.labels)};
}

const contentTypes: Record<Payload, string> = {png: 'image/png', json: 'application/json'};

/** The load generator: wrk when it is installed (it measures servers that close every connection, as gunicorn's sync workers do), else autocannon. */
export type Generator = 'wrk' | 'autocannon';

export function defaultGenerator(): Generator {
	return spawnSync('wrk', ['--version']).error ? 'autocannon' : 'wrk';
}

/** A payload's bodies, and for wrk the same bodies in files (back to back, and their lengths). */
type Bodies = {list: Buffer[]; files: {lengths: string; bodies: string}};

function bodyFiles(work: string, payload: Payload, list: Buffer[]): Bodies {
	const files = {lengths: path.join(work, `${payload}.lengths`), bodies: path.join(work, `${payload}.bodies`)};
	fs.writeFileSync(files.lengths, list.map(body => body.length).join('\n') + '\n');
	fs.writeFileSync(files.bodies, Buffer.concat(list));
	return {list, files};
}

/** A command's output, without blocking the event loop (sockets of this process stay served). */
function runCommand(command: string, args: string[]): Promise<{status: number | null; stdout: string; stderr: string}> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
		child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
		child.once('error', reject);
		child.once('close', status => resolve({status, stdout, stderr}));
	});
}

/** `connections` for `duration` s, each request the next body of the rotation. */
async function load(generator: Generator, stack: Stack, payload: Payload, bodies: Bodies, connections: number, duration: number): Promise<Run> {
	const common = {stack: stack.name, payload, connections};
	if (generator === 'wrk') {
		const args = ['-t', '1', '-c', String(connections), '-d', `${duration}s`, '--timeout', '10s', '-s', path.join(here, 'serve-load.lua'), stack.url, '--', stack.paths[payload], contentTypes[payload], bodies.files.lengths, bodies.files.bodies];
		const result = await runCommand('wrk', args);
		const line = result.stdout.trim().split('\n').at(-1) ?? '';
		if (result.status !== 0 || !line.startsWith('{')) throw new Error(`wrk failed: ${(result.stderr || result.stdout).trim()}`);
		const summary = JSON.parse(line) as {requests: number; microseconds: number; p50: number; p99: number; connect: number; read: number; write: number; status: number; timeout: number};
		return {
			...common,
			requestsPerSecond: summary.requests / (summary.microseconds / 1e6),
			p50: summary.p50 / 1000,
			p99: summary.p99 / 1000,
			errors: summary.connect + summary.read + summary.write + summary.status + summary.timeout,
			requests: summary.requests,
		};
	}
	let next = 0;
	const result = await autocannon({
		url: stack.url,
		connections,
		duration,
		timeout: 10,
		requests: [
			{
				method: 'POST',
				path: stack.paths[payload],
				headers: {'content-type': contentTypes[payload]},
				setupRequest: request => ({...request, body: bodies.list[next++ % bodies.list.length]}),
			},
		],
	});
	return {
		...common,
		requestsPerSecond: result.requests.total / (result.duration || 1),
		p50: result.latency.p50,
		p99: result.latency.p99,
		errors: result.errors + result.non2xx,
		requests: result.requests.total,
	};
}

/** At least `amount` requests, in runs of 2 s (wrk has no request count). */
async function loadAmount(generator: Generator, stack: Stack, payload: Payload, bodies: Bodies, connections: number, amount: number): Promise<Run> {
	const runs: Run[] = [];
	let sent = 0;
	while (sent < amount) {
		const run = await load(generator, stack, payload, bodies, connections, 2);
		runs.push(run);
		sent += run.requests;
	}
	const seconds = runs.reduce((sum, run) => sum + run.requests / run.requestsPerSecond, 0);
	return {...runs[0]!, requests: sent, requestsPerSecond: sent / seconds, p50: Math.max(...runs.map(run => run.p50)), p99: Math.max(...runs.map(run => run.p99)), errors: runs.reduce((sum, run) => sum + run.errors, 0)};
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

function childrenOf(pid: number): number[] {
	try {
		return fs
			.readdirSync(`/proc/${pid}/task`)
			.flatMap(task => fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/))
			.filter(Boolean)
			.map(Number);
	} catch {
		return [];
	}
}

const ticksPerSecond = Number(spawnSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).stdout?.trim()) || 100;

/** CPU time a process has used so far (user + system), in ms. */
function cpuOf(pid: number): number {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
	} catch {
		return 0;
	}
}

/** CPU ms per request of each kind of process of a stack over a run (workers added up), e.g. "server 0.61 + prediction child 0.12". */
async function withCpu(stack: Stack, measure: () => Promise<Run>): Promise<Run> {
	const before = stack.processes().map(({what, pid}) => ({what: what.replace(/ \d+$/, 's'), pid, ms: cpuOf(pid)}));
	const result = await measure();
	const used = new Map<string, number>();
	for (const {what, pid, ms} of before) used.set(what, (used.get(what) ?? 0) + cpuOf(pid) - ms);
	const cpu = [...used].filter(([, ms]) => ms > 0).map(([what, ms]) => `${what} ${(ms / Math.max(1, result.requests)).toFixed(2)}`).join(' + ');
	return {...result, cpu};
}

/** VmRSS and VmHWM of a process, in kB (undefined once it is gone). */
function memoryOf(pid: number): {rss: number; peak: number} | undefined {
	try {
		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		return {rss: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]), peak: Number(/VmHWM:\s+(\d+)/.exec(status)?.[1])};
	} catch {
		return undefined;
	}
}

async function stopProcess(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise(resolve => child.once('exit', resolve));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
	await exited;
	clearTimeout(timer);
}

/**
 * `digits serve --port 0 --model NAME` from dist/, its per-request log going to a file (read
 * for the address on its first line). Its prediction child is the child with one TensorFlow
 * thread (the service's prediction environment).
 */
async function startDigits(model: string | undefined, work: string, maxBatch: number): Promise<Stack> {
	const cli = path.join(packageRoot, 'dist', 'cli.js');
	const log = path.join(work, `serve-${model ?? 'default'}.log`);
	const out = fs.openSync(log, 'w');
	const args = [cli, 'serve', '--port', '0', '--max-batch', String(maxBatch), ...(model ? ['--model', model] : [])];
	const child = spawn(process.execPath, args, {stdio: ['ignore', out, out]});
	fs.closeSync(out);
	const started = Date.now();
	let url: string | undefined;
	let name = model ?? 'default';
	while (!url) {
		if (child.exitCode !== null) throw new Error(`digits serve stopped (exit ${child.exitCode}): ${fs.readFileSync(log, 'utf8').trim().split('\n').at(-1)}`);
		if (Date.now() - started > 60_000) {
			await stopProcess(child);
			throw new Error('digits serve did not print its address within 60 s');
		}
		const match = /^digits serve: (http:\/\/\S+) \(model ([^)]+)\)$/m.exec(fs.readFileSync(log, 'utf8'));
		if (match) [, url, name] = match as unknown as [string, string, string];
		else await sleep(50);
	}
	await waitReady(`${url}v2/health/ready`);
	const prediction = () => {
		const children = childrenOf(child.pid!);
		return children.find(pid => {
			try {
				return fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes('TF_NUM_INTRAOP_THREADS=1');
			} catch {
				return false;
			}
		}) ?? children[0];
	};
	return {
		name: `digits serve (${name})`,
		url: url.replace(/\/$/, ''),
		paths: {png: '/api/predict', json: `/v1/models/${name}:predict`},
		processes: () => {
			const predict = prediction();
			return [{what: 'server', pid: child.pid!}, ...(predict === undefined ? [] : [{what: 'prediction child', pid: predict}])];
		},
		stop: () => stopProcess(child),
	};
}

async function waitReady(url: string, seconds = 60): Promise<void> {
	const started = Date.now();
	for (;;) {
		try {
			const response = await fetch(url);
			if (response.ok) return;
		} catch {}
		if (Date.now() - started > seconds * 1000) throw new Error(`${url} did not answer 200 within ${seconds} s`);
		await sleep(100);
	}
}

/** Flask, gunicorn and torch importable, installing them with pip when missing; or why not. */
function flaskAvailable(onProgress: (line: string) => void): {versions: string} | {unavailable: string} {
	const probe = () =>
		spawnSync(python, ['-c', 'import importlib.metadata as m, torch, flask, gunicorn, PIL; print(f"Flask {m.version(\'flask\')}, gunicorn {gunicorn.__version__}, PyTorch {torch.__version__.split(\'+\')[0]}")'], {encoding: 'utf8'});
	let result = probe();
	if (result.error) return {unavailable: `${python} was not found`};
	if (result.status !== 0) {
		onProgress('Flask, gunicorn or PyTorch is missing; trying `pip install flask gunicorn pillow torch` (this takes a while)…');
		const pip = spawnSync(python, ['-m', 'pip', 'install', '--quiet', 'flask', 'gunicorn', 'pillow', 'torch'], {encoding: 'utf8', timeout: 30 * 60_000});
		if (pip.status !== 0) return {unavailable: `\`pip install flask gunicorn pillow torch\` failed (${(pip.stderr || String(pip.error ?? '')).trim().split('\n').at(-1)})`};
		result = probe();
	}
	if (result.status !== 0) return {unavailable: `the Python stack cannot be imported (${result.stderr.trim().split('\n').at(-1)})`};
	return {versions: result.stdout.trim()};
}

/** bench/flask_serve.py under gunicorn, 2 sync workers, with digits' shipped classic weights. */
async function startFlask(work: string): Promise<Stack> {
	const port = await freePort();
	const log = path.join(work, 'gunicorn.log');
	const out = fs.openSync(log, 'w');
	const env = {...nativeEnvironment, ...process.env, DIGITS_FLASK_MODEL: path.join(packageRoot, 'models', 'classic'), OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1'};
	const child = spawn(python, ['-m', 'gunicorn', '-w', '2', '-b', `127.0.0.1:${port}`, '--chdir', here, 'flask_serve:app'], {stdio: ['ignore', out, out], env});
	fs.closeSync(out);
	const url = `http://127.0.0.1:${port}`;
	try {
		await waitReady(`${url}/health`);
	} catch (error) {
		await stopProcess(child);
		throw new Error(`gunicorn did not start: ${(error as Error).message}; its log ends: ${fs.readFileSync(log, 'utf8').trim().split('\n').slice(-3).join(' / ')}`);
	}
	return {
		name: 'Flask + PyTorch (gunicorn -w 2)',
		url,
		paths: {png: '/predict', json: '/v1/models/classic:predict'},
		processes: () => [{what: 'gunicorn master', pid: child.pid!}, ...childrenOf(child.pid!).map((pid, i) => ({what: `worker ${i + 1}`, pid}))],
		stop: () => stopProcess(child),
	};
}

/** digits' and Flask's answers to the same bodies: digits agree, largest probability difference. */
async function agreement(digits: Stack, flask: Stack, bodies: {png: Buffer[]; json: Buffer[]; labels: number[]}, count = 50): Promise<string> {
	const parts: string[] = [];
	for (const payload of ['png', 'json'] as const) {
		let same = 0;
		let correct = 0;
		let largest = 0;
		for (let i = 0; i < count; i++) {
			const answers = await Promise.all(
				[digits, flask].map(async stack => {
					const response = await fetch(stack.url + stack.paths[payload], {method: 'POST', headers: {'content-type': contentTypes[payload]}, body: new Uint8Array(bodies[payload][i]!)});
					if (!response.ok) throw new Error(`${stack.name} answered ${response.status} to ${payload} body ${i}: ${await response.text()}`);
					const body = (await response.json()) as unknown;
					return payload === 'json'
						? (body as {predictions: number[][]}).predictions[0]!
						: Array.isArray(body)
							? (body as Array<{probabilities: number[]}>)[0]!.probabilities
							: (body as {probabilities: number[]}).probabilities;
				}),
			);
			const [ours, theirs] = answers as [number[], number[]];
			const argmax = (values: number[]) => values.indexOf(Math.max(...values));
			if (argmax(ours) === argmax(theirs)) same++;
			if (argmax(ours) === bodies.labels[i]) correct++;
			largest = Math.max(largest, ...ours.map((value, k) => Math.abs(value - theirs[k]!)));
		}
		parts.push(`${payload === 'png' ? 'PNG' : 'JSON'}: same digit ${same}/${count} (digits right on ${correct}), largest probability difference ${largest.toPrecision(2)}`);
	}
	return parts.join('; ');
}

const megabytes = (kilobytes: number) => `${Math.round(kilobytes / 1024).toLocaleString('en-US')} MB`;
const fixed = (value: number, digits = 1) => value.toFixed(digits);

function memoryLine(stack: Stack, afterWarmup: Map<number, number>): string {
	const parts = stack.processes().map(({what, pid}) => {
		const memory = memoryOf(pid);
		if (!memory) return `${what} gone`;
		const warm = afterWarmup.get(pid);
		return `${what} peak ${megabytes(memory.peak)} (RSS ${warm === undefined ? '' : `${megabytes(warm)} after warm-up, `}${megabytes(memory.rss)} at the end)`;
	});
	const total = stack.processes().reduce((sum, {pid}) => sum + (memoryOf(pid)?.peak ?? 0), 0);
	return `- ${stack.name}: ${parts.join('; ')}; peaks added up ${megabytes(total)}`;
}

function rssNow(stack: Stack): Map<number, number> {
	return new Map(stack.processes().map(({pid}) => [pid, memoryOf(pid)?.rss ?? 0]));
}

type Send = (stack: Stack, payload: Payload, connections: number, amount: number) => Promise<Run>;

async function warmUp(stack: Stack, send: Send, requests: number, onProgress: (line: string) => void): Promise<void> {
	for (const payload of ['png', 'json'] as const) {
		const run = await send(stack, payload, 16, Math.ceil(requests / 2));
		onProgress(`${stack.name}: warm-up, ${run.requests} ${payload} requests, ${Math.round(run.requestsPerSecond)} req/s, ${run.errors} errors`);
	}
}

/** VmRSS of the stack's processes every `every` requests (PNG and JSON in turn, 16 connections). */
async function memoryOverTime(stack: Stack, send: Send, total: number, every: number, onProgress: (line: string) => void) {
	const samples = new Map<string, number[]>();
	const take = () => {
		for (const {what, pid} of stack.processes()) {
			const list = samples.get(`${what} ${pid}`) ?? [];
			list.push(memoryOf(pid)?.rss ?? 0);
			samples.set(`${what} ${pid}`, list);
		}
	};
	take();
	let errors = 0;
	let sent = 0;
	for (let chunk = 0; sent < total; chunk++) {
		const payload: Payload = chunk % 2 === 0 ? 'png' : 'json';
		const run = await send(stack, payload, 16, Math.min(every, total - sent));
		sent += run.requests;
		errors += run.errors;
		take();
		onProgress(`${stack.name}: memory run, ${sent.toLocaleString('en-US')} requests, ${Math.round(run.requestsPerSecond)} req/s, ${run.errors} errors`);
	}
	const lines: string[] = [];
	let flat = true;
	for (const [key, values] of samples) {
		const first = values[0]!;
		const spread = Math.max(...values.map(value => Math.abs(value - first) / first));
		if (spread > 0.1) flat = false;
		lines.push(`- ${stack.name}, ${key.replace(/ \d+$/, '')}: RSS ${values.map(value => Math.round(value / 1024)).join(' → ')} MB, within ${(spread * 100).toFixed(1)}% of the first sample`);
	}
	return {lines, flat, errors, sent};
}

function table(payload: Payload, runs: Run[]): string {
	const reference = (connections: number) => runs.find(run => run.stack.startsWith('Flask') && run.connections === connections);
	const lines = [`Serving, ${payloadNames[payload]}:`, '', '| stack | connections | req/s | p50 ms | p99 ms | errors | digits/Flask | CPU ms per request |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |'];
	for (const run of runs) {
		const flask = reference(run.connections);
		const ratio = !run.stack.startsWith('Flask') && flask ? `${fixed(run.requestsPerSecond / flask.requestsPerSecond, 2)}×` : '';
		lines.push(`| ${run.stack} | ${run.connections} | ${Math.round(run.requestsPerSecond).toLocaleString('en-US')} | ${fixed(run.p50)} | ${fixed(run.p99)} | ${run.errors} | ${ratio} | ${run.cpu ?? ''} |`);
	}
	return lines.join('\n');
}

/** The serving section of the benchmark, as markdown (tables, memory lines, targets). */
export async function measureServing(partial: Partial<ServingOptions> = {}): Promise<string> {
	const {onProgress = () => {}, ...rest} = partial;
	const options = {...fullServing, ...rest};
	if (!fs.existsSync(path.join(packageRoot, 'dist', 'cli.js'))) return 'Serving: not measured, dist/ is missing (run `npm run build`).';
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'digits-serve-bench-'));
	const stacks: Stack[] = [];
	const out: string[] = [];
	try {
		const bodies = await servingPayloads();
		const generator = options.generator ?? defaultGenerator();
		const payloads = {png: bodyFiles(work, 'png', bodies.png), json: bodyFiles(work, 'json', bodies.json)};
		const send: Send = (stack, payload, connections, amount) => loadAmount(generator, stack, payload, payloads[payload], connections, amount);
		const python = !options.flask
			? {unavailable: 'skipped (--quick)'}
			: generator === 'wrk'
				? flaskAvailable(onProgress)
				: {unavailable: "not measured: wrk is not installed (apt-get install wrk), and autocannon cannot measure gunicorn's sync workers, which close the connection after every response"};
		const digits = await startDigits('classic', work, 64);
		stacks.push(digits);
		const flask = 'versions' in python ? await startFlask(work) : undefined;
		if (flask) stacks.push(flask);
		const compared = flask ? [digits, flask] : [digits];
		const afterWarmup = new Map<Stack, Map<number, number>>();
		for (const stack of compared) {
			await warmUp(stack, send, options.warmup, onProgress);
			afterWarmup.set(stack, rssNow(stack));
		}
		const agreed = flask ? await agreement(digits, flask, bodies) : undefined;
		const runs: Run[] = [];
		// Interleaved: each payload and connection count on one stack then the other, so machine noise hits both alike.
		for (const payload of ['png', 'json'] as const) {
			for (const connections of options.connections) {
				for (const stack of compared) {
					const run = await withCpu(stack, () => load(generator, stack, payload, payloads[payload], connections, options.duration));
					runs.push(run);
					onProgress(`${stack.name}: ${payload}, ${connections} connections, ${Math.round(run.requestsPerSecond)} req/s, p99 ${fixed(run.p99)} ms, ${run.errors} errors`);
				}
			}
		}
		const memory = compared.map(stack => memoryLine(stack, afterWarmup.get(stack)!));
		if (flask) {
			await flask.stop();
			stacks.splice(stacks.indexOf(flask), 1);
		}
		const long = options.long > 0 ? await memoryOverTime(digits, send, options.long, options.longEvery, onProgress) : undefined;
		await digits.stop();
		stacks.splice(stacks.indexOf(digits), 1);
		if (options.best) {
			const best = await startDigits(undefined, work, 64);
			stacks.push(best);
			await warmUp(best, send, options.warmup, onProgress);
			const warm = rssNow(best);
			for (const payload of ['png', 'json'] as const) {
				for (const connections of options.connections) {
					const run = await withCpu(best, () => load(generator, best, payload, payloads[payload], connections, options.duration));
					runs.push(run);
					onProgress(`${best.name}: ${payload}, ${connections} connections, ${Math.round(run.requestsPerSecond)} req/s, p99 ${fixed(run.p99)} ms, ${run.errors} errors`);
				}
			}
			memory.push(memoryLine(best, warm));
		}

		const cpu = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores`;
		out.push(
			`Serving: ${generator === 'wrk' ? 'wrk (one thread)' : "autocannon in the benchmark's own process"} on the same machine (it shares the ${os.cpus().length} cores with the servers), ${options.duration} s per run after ${options.warmup.toLocaleString('en-US')} warm-up requests per stack, ` +
				`rotating through 1,000 MNIST test digits (each request a different body; no cache anywhere); ${cpu}. ` +
				`digits serve --max-batch 64 logs every request to a file; gunicorn logs none (its default).` +
				(flask ? ` Reference: ${'versions' in python ? python.versions : ''}, 2 sync workers, one torch thread each, digits' shipped classic weights.` : ` Flask + PyTorch: ${'unavailable' in python ? python.unavailable : ''}.`),
		);
		if (agreed) out.push(`Same answers: ${agreed}.`);
		for (const payload of ['png', 'json'] as const) out.push(table(payload, runs.filter(run => run.payload === payload)));
		out.push(`Memory (VmHWM = peak RSS, over warm-up and all runs):\n${memory.join('\n')}`);
		if (long) out.push(`RSS over ${long.sent.toLocaleString('en-US')} requests after the runs above (PNG and JSON in turns of about ${options.longEvery.toLocaleString('en-US')}, 16 connections; ${long.errors} errors):\n${long.lines.join('\n')}`);
		out.push(targets(runs, flask !== undefined, long));
		return out.join('\n\n');
	} finally {
		for (const stack of stacks) await stack.stop();
		fs.rmSync(work, {recursive: true, force: true});
	}
}

/** PASS / FAIL against the issue's targets, for digits serving the classic network. */
function targets(runs: Run[], withFlask: boolean, long: {flat: boolean; errors: number} | undefined): string {
	const digits = runs.filter(run => run.stack === 'digits serve (classic)');
	const lines: string[] = ['Targets (digits serve, classic):'];
	const mark = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
	for (const [payload, factor] of [['png', 3], ['json', 5]] as const) {
		for (const connections of [16, 64]) {
			const ours = digits.find(run => run.payload === payload && run.connections === connections);
			const theirs = runs.find(run => run.stack.startsWith('Flask') && run.payload === payload && run.connections === connections);
			if (!withFlask || !ours || !theirs) {
				lines.push(`- n/a: ≥ ${factor}× Flask's req/s, ${payload.toUpperCase()}, ${connections} connections (no Flask run)`);
				continue;
			}
			const ratio = ours.requestsPerSecond / theirs.requestsPerSecond;
			lines.push(`- ${mark(ratio >= factor)}: ≥ ${factor}× Flask's req/s, ${payload.toUpperCase()}, ${connections} connections: ${fixed(ratio, 2)}×`);
		}
	}
	for (const payload of ['png', 'json'] as const) {
		const run = digits.find(item => item.payload === payload && item.connections === 16);
		if (run) lines.push(`- ${mark(run.p99 <= 20)}: p99 ≤ 20 ms at 16 connections, ${payload.toUpperCase()}: ${fixed(run.p99)} ms`);
	}
	const errors = digits.reduce((sum, run) => sum + run.errors, 0) + (long?.errors ?? 0);
	lines.push(`- ${mark(errors === 0)}: zero errors: ${errors}`);
	lines.push(long ? `- ${mark(long.flat)}: RSS flat (±10%) across the memory run` : '- n/a: RSS flat (±10%) across 200,000 requests (memory run skipped)');
	return lines.join('\n');
}

function flag(name: string): string | undefined {
	const index = process.argv.indexOf(name);
	return index === -1 ? undefined : process.argv[index + 1];
}

if (import.meta.filename === path.resolve(process.argv[1] ?? '')) {
	const quick = process.argv.includes('--quick');
	const base = quick ? quickServing : fullServing;
	const text = await measureServing({
		...base,
		...(process.argv.includes('--no-flask') ? {flask: false} : {}),
		...(process.argv.includes('--no-best') ? {best: false} : {}),
		...(process.argv.includes('--no-long') ? {long: 0} : {}),
		...(process.argv.includes('--autocannon') ? {generator: 'autocannon' as const} : {}),
		...(flag('--duration') ? {duration: Number(flag('--duration'))} : {}),
		...(flag('--warmup') ? {warmup: Number(flag('--warmup'))} : {}),
		...(flag('--long') ? {long: Number(flag('--long'))} : {}),
		onProgress: line => console.error(line),
	});
	console.log(text);
}
