// `digits serve` from dist/ kept safe: tokens, headers, CORS, size limits, a full queue, slow
// clients, files outside the page's folder, a killed prediction child, SIGTERM with requests
// in flight, and 1,000 concurrent requests.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import {after, before, describe, test} from 'node:test';
import {processesWithHome, runCli, temporaryHome} from './helpers.js';
import {mnistPngs, startServer, untilReady, type Server} from './serve-helpers.js';

const home = temporaryHome();
const linux = fs.existsSync('/proc/self/status');
let digits: Array<{label: number; png: Uint8Array<ArrayBuffer>}>;
before(async () => (digits = await mnistPngs(4)));

const predict = (server: Server, png: Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) =>
	fetch(`${server.url}/api/predict`, {method: 'POST', body: png, headers: {'content-type': 'image/png', ...headers}});

/** A GET with the path exactly as given (fetch would normalise `..`). */
function rawGet(server: Server, path: string): Promise<{status: number; body: string}> {
	const {hostname, port} = new URL(server.url);
	return new Promise((resolve, reject) => {
		http.get({hostname, port, path}, response => {
			let body = '';
			response.on('data', chunk => (body += chunk));
			response.on('end', () => resolve({status: response.statusCode!, body}));
		}).on('error', reject);
	});
}

describe('with a token', () => {
	let server: Server;
	before(async () => (server = await startServer(['--token', 's3cret', '--cors', 'https://example.org'])));
	after(() => server.stop());

	test('inference, model list, metadata and metrics need the bearer token; the page and health checks do not', async () => {
		for (const path of ['/api/models', '/v1/models/best', '/v2/models/best', '/metrics']) {
			const without = await fetch(`${server.url}${path}`);
			assert.equal(without.status, 401, path);
			assert.match(((await without.json()) as {error: string}).error, /needs a token/);
			assert.equal((await fetch(`${server.url}${path}`, {headers: {authorization: 'Bearer wrong'}})).status, 401, path);
			assert.equal((await fetch(`${server.url}${path}`, {headers: {authorization: 'Bearer s3cret'}})).status, 200, path);
		}
		assert.equal((await predict(server, digits[0]!.png)).status, 401);
		assert.equal((await predict(server, digits[0]!.png, {authorization: 'Bearer s3cret'})).status, 200);
		assert.equal((await fetch(`${server.url}/v2/health/live`)).status, 200);
		assert.notEqual((await fetch(`${server.url}/`)).status, 401);
	});

	test('--cors lets that origin call the APIs (preflight included)', async () => {
		const preflight = await fetch(`${server.url}/api/predict`, {method: 'OPTIONS', headers: {origin: 'https://example.org', 'access-control-request-method': 'POST'}});
		assert.equal(preflight.status, 204);
		assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://example.org');
		assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/);
	});
});

describe('on the defaults', () => {
	let server: Server;
	before(async () => {
		server = await startServer();
		await untilReady(server);
	});
	after(() => server.stop());

	test('security headers on every answer; no CORS unless asked', async () => {
		for (const path of ['/', '/api/models', '/nothing-here']) {
			const response = await fetch(`${server.url}${path}`);
			const csp = response.headers.get('content-security-policy') ?? '';
			assert.match(csp, /default-src 'self'/, path);
			assert.match(csp, /script-src 'self'/, path);
			assert.doesNotMatch(csp, /unsafe-inline/, path);
			assert.match(csp, /frame-ancestors 'none'/, path);
			assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
			assert.equal(response.headers.get('x-frame-options'), 'DENY', path);
			assert.equal(response.headers.get('access-control-allow-origin'), null, path);
		}
		const missing = await fetch(`${server.url}/nothing-here`);
		assert.equal(missing.status, 404);
		assert.match(((await missing.json()) as {error: string}).error, /There is nothing at GET \/nothing-here/);
	});

	test('static files cannot escape their folder, and hidden files are not served', async () => {
		for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/%2e%2e%2f%2e%2e%2fpackage.json', '/.env', '/.git/config']) {
			const {status, body} = await rawGet(server, path);
			assert.ok(status === 403 || status === 404, `${path}: ${status}`);
			assert.doesNotMatch(body, /"dependencies"|\[core\]/, path);
		}
	});

	test('a body over 10 MB is a 413; an image over 50 megapixels gets the CLI sentence; JSON of the wrong kind a 400', async () => {
		// The answer comes from the declared length, before the body: a client still sending
		// 10 MB could see the connection close before it reads the answer, so only 1 KB is sent.
		const {hostname, port} = new URL(server.url);
		const big = await new Promise<{status: number; body: string}>((resolve, reject) => {
			const request = http.request({hostname, port, path: '/api/predict', method: 'POST', headers: {'content-type': 'image/png', 'content-length': 10 * 1024 * 1024 + 1}});
			request.on('response', response => {
				let body = '';
				response.on('data', chunk => (body += chunk));
				response.on('end', () => {
					resolve({status: response.statusCode!, body});
					request.destroy();
				});
			});
			request.on('error', reject);
			request.write(new Uint8Array(1024));
		});
		assert.equal(big.status, 413);
		assert.match((JSON.parse(big.body) as {error: string}).error, /larger than 10 MB/);
		// A valid PNG header that claims 10,000 × 10,000 pixels.
		const header = digits[0]!.png.slice();
		new DataView(header.buffer).setUint32(16, 10_000);
		new DataView(header.buffer).setUint32(20, 10_000);
		const huge = (await (await predict(server, header)).json()) as Array<{error: string}>;
		assert.match(huge[0]!.error, /^The uploaded image is too large to read \(10,000×10,000 pixels, 100 megapixels; the limit is 50\); scale it down and try again\.$/);
		const b64 = await fetch(`${server.url}/v1/models/best:predict`, {method: 'POST', body: JSON.stringify({instances: [{b64: Buffer.from(header).toString('base64')}]})});
		assert.equal(b64.status, 400);
		assert.match(((await b64.json()) as {error: string}).error, /^instances\[0\]\.b64 is too large to read/);
	});

	test('a client that sends its headers too slowly is cut off', async () => {
		const {hostname, port} = new URL(server.url);
		const socket = net.connect(Number(port), hostname);
		socket.on('error', () => {});
		const started = Date.now();
		socket.write('POST /api/predict HTTP/1.1\r\nHost: x\r\n');
		const ticker = setInterval(() => socket.writable && socket.write('X-Slow: 1\r\n'), 1000);
		await new Promise(resolve => socket.on('close', resolve));
		clearInterval(ticker);
		const seconds = (Date.now() - started) / 1000;
		assert.ok(seconds < 9, `closed after ${seconds} s`);
	});

	test('1,000 concurrent requests all answered without an error', async () => {
		const answers = await Promise.all(Array.from({length: 1000}, (_, i) => predict(server, digits[i % digits.length]!.png).then(async response => ({status: response.status, body: (await response.json()) as Array<{digit: number}>}))));
		assert.deepEqual(new Set(answers.map(answer => answer.status)), new Set([200]));
		answers.forEach((answer, i) => assert.equal(answer.body[0]!.digit, digits[i % digits.length]!.label));
	});
});

test('a full queue answers 503 with Retry-After', async () => {
	const server = await startServer(['--max-queue', '2', '--max-batch', '1']);
	try {
		await untilReady(server);
		const statuses = await Promise.all(Array.from({length: 100}, () => predict(server, digits[0]!.png).then(response => [response.status, response.headers.get('retry-after')] as const)));
		const refused = statuses.filter(([status]) => status === 503);
		assert.ok(refused.length > 0 && refused.every(([, retry]) => retry === '1'), JSON.stringify(statuses.slice(0, 5)));
		assert.ok(statuses.some(([status]) => status === 200));
	} finally {
		await server.stop();
	}
});

test('another host needs --token or --no-auth (which warns); bad flags and a taken port are one sentence', async () => {
	const open = await runCli(['serve', '--host', '0.0.0.0', '--port', '0'], {built: true});
	assert.equal(open.code, 2);
	assert.match(open.stderr, /^digits serve on 0\.0\.0\.0 would let anyone who can reach this machine use it; add --token TOKEN/);
	const server = await startServer(['--host', '0.0.0.0', '--no-auth']);
	assert.match(server.stderr(), /warning: serving 0\.0\.0\.0 without a token/);
	const taken = await runCli(['serve', '--port', new URL(server.url).port], {built: true});
	assert.equal(taken.code, 1);
	assert.match(taken.stderr, /^Port \d+ on 127\.0\.0\.1 is in use by another program; pick another with --port\.\n$/);
	await server.stop();
	const badPort = await runCli(['serve', '--port', '70000'], {built: true});
	assert.equal(badPort.code, 2);
	assert.equal(badPort.stderr, '--port must be a whole number from 0 to 65535 (got "70000").\n');
});

describe('processes', {skip: !linux && 'needs /proc'}, () => {
	const childOf = (pid: number) => processesWithHome(home).find(candidate => new RegExp(`^\\d+ \\(.*\\) \\S+ ${pid} `).test(fs.readFileSync(`/proc/${candidate}/stat`, 'utf8')));

	test('a killed prediction child: requests in flight get 503, readiness is false until it is back, then answers resume', async () => {
		const server = await startServer();
		try {
			await untilReady(server);
			const child = childOf(server.process.pid!);
			assert.ok(child, 'the prediction child runs');
			// Eight clients keep asking, one request after another, while the child is killed.
			let asking = true;
			const statuses: number[] = [];
			const clients = Array.from({length: 8}, async () => {
				while (asking) statuses.push((await predict(server, digits[1]!.png)).status);
			});
			await new Promise(resolve => setTimeout(resolve, 300));
			process.kill(child, 'SIGKILL');
			await new Promise(resolve => setTimeout(resolve, 100));
			assert.equal((await fetch(`${server.url}/v2/health/ready`)).status, 503);
			await untilReady(server);
			asking = false;
			await Promise.all(clients);
			assert.ok(statuses.every(status => status === 200 || status === 503), JSON.stringify(statuses));
			assert.ok(statuses.includes(503), 'the requests in flight heard of the crash');
			assert.equal((await predict(server, digits[1]!.png)).status, 200);
			assert.notEqual(childOf(server.process.pid!), child);
		} finally {
			await server.stop();
		}
	});

	test('SIGTERM lets the requests in flight finish, stops the children and exits 143', async () => {
		const server = await startServer();
		await untilReady(server);
		const {hostname, port} = new URL(server.url);
		const png = digits[2]!.png;
		// Ten uploads in flight: half of each body sent before the signal, the rest after it.
		const uploads = Array.from({length: 10}, () => {
			const request = http.request({hostname, port, path: '/api/predict', method: 'POST', headers: {'content-type': 'image/png', 'content-length': png.length}});
			request.write(png.subarray(0, 100));
			const answer = new Promise<number>((resolve, reject) => {
				request.on('response', response => {
					response.resume();
					resolve(response.statusCode!);
				});
				request.on('error', reject);
			});
			return {request, answer};
		});
		await new Promise(resolve => setTimeout(resolve, 300));
		server.process.kill('SIGTERM');
		await new Promise(resolve => setTimeout(resolve, 300));
		for (const {request} of uploads) request.end(png.subarray(100));
		assert.deepEqual(await Promise.all(uploads.map(upload => upload.answer)), new Array(10).fill(200));
		assert.equal(await server.closed, 143);
		assert.deepEqual(processesWithHome(home), []);
	});
});

test('the bin names the command in its help', async () => {
	const {code, stdout} = await runCli(['serve', '--help'], {built: true});
	assert.equal(code, 0);
	assert.match(stdout, /\$ digits serve \[options\]/);
});
