// `digits serve` from dist/, over real HTTP: digits' own API, TensorFlow Serving's REST API and
// KServe v2 with requests shaped as each protocol's documentation shows, and /metrics.
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {seededRandom} from '../source/random.js';
import {numberPicture} from './digit-fixtures.js';
import {temporaryHome} from './helpers.js';
import {mnistPngs, startServer, untilReady, type Server} from './serve-helpers.js';

temporaryHome();
let server: Server;
let digits: Array<{label: number; png: Uint8Array<ArrayBuffer>}>;

before(async () => {
	[server, digits] = await Promise.all([startServer(), mnistPngs(8)]);
	await untilReady(server);
});
after(() => server.stop());

type Json = Record<string, unknown>;

async function call(path: string, init: RequestInit = {}): Promise<{status: number; body: Json & Json[]; headers: Headers}> {
	const response = await fetch(`${server.url}${path}`, init);
	const text = await response.text();
	return {status: response.status, body: JSON.parse(text) as Json & Json[], headers: response.headers};
}

const post = (path: string, body: BodyInit, type?: string) => call(path, {method: 'POST', body, headers: type ? {'content-type': type} : {}});
const blank = Array.from({length: 28}, () => new Array<number>(28).fill(0));
/** An MNIST digit as a 28×28 array of 0–1 floats. */
const asRows = async (png: Uint8Array) => {
	const {Jimp} = await import('jimp');
	const image = await Jimp.fromBuffer(Buffer.from(png));
	return Array.from({length: 28}, (_, y) => Array.from({length: 28}, (_, x) => image.bitmap.data[(y * 28 + x) * 4]! / 255));
};

function assertProbabilities(row: unknown): number[] {
	assert.ok(Array.isArray(row) && row.length === 10, `ten probabilities, got ${JSON.stringify(row)}`);
	const sum = (row as number[]).reduce((total, p) => total + p, 0);
	assert.ok(Math.abs(sum - 1) < 1e-4, `they sum to 1 (${sum})`);
	return row as number[];
}

const argmax = (row: number[]) => row.indexOf(Math.max(...row));

describe('POST /api/predict', () => {
	test('a raw PNG body: an array with one answer, as digits predict --json gives; ?input=1 adds the 28×28 the model saw', async () => {
		const {status, body} = await post('/api/predict', digits[0]!.png, 'image/png');
		assert.equal(status, 200);
		assert.equal(body.length, 1);
		assert.deepEqual(Object.keys(body[0]!), ['file', 'digit', 'confidence', 'probabilities']);
		assert.equal(body[0]!['file'], null);
		assert.equal(body[0]!['digit'], digits[0]!.label);
		assert.equal(argmax(assertProbabilities(body[0]!['probabilities'])), digits[0]!.label);
		const withInput = await post('/api/predict?input=1', digits[0]!.png, 'application/octet-stream');
		const input = withInput.body[0]!['input'] as number[];
		assert.equal(input.length, 784);
		assert.ok(input.every(value => value >= 0 && value <= 1) && input.some(value => value > 0.5));
	});

	test('multipart with several files: one answer each in order, a broken or blank file says why with status 200', async () => {
		const form = new FormData();
		for (const [i, {png}] of digits.slice(0, 3).entries()) form.append('file', new Blob([png], {type: 'image/png'}), `d${i}.png`);
		form.append('file', new Blob([digits[3]!.png.subarray(0, 60)], {type: 'image/png'}), 'cut.png');
		form.append('file', new Blob(['hello'], {type: 'text/plain'}), 'notes.txt');
		const {status, body} = await call('/api/predict', {method: 'POST', body: form});
		assert.equal(status, 200);
		assert.deepEqual(body.map(item => item['file']), ['d0.png', 'd1.png', 'd2.png', 'cut.png', 'notes.txt']);
		assert.deepEqual(body.slice(0, 3).map(item => item['digit']), digits.slice(0, 3).map(digit => digit.label));
		assert.match(body[3]!['error'] as string, /^cut\.png is corrupt or truncated/);
		assert.equal(body[4]!['error'], 'notes.txt is not an image (it is a text file); give a PNG, JPEG, BMP, GIF or TIFF file.');
		const {Jimp} = await import('jimp');
		const empty = new Uint8Array(await new Jimp({width: 40, height: 40, color: 0xffffffff}).getBuffer('image/png'));
		assert.deepEqual((await post('/api/predict', empty, 'image/png')).body, [{file: null, error: 'no digit found'}]);
	});

	test('damaged files of every format never take the server down: each gets an answer or a sentence', async () => {
		const {Jimp} = await import('jimp');
		const image = await Jimp.fromBuffer(Buffer.from(digits[4]!.png));
		const files = await Promise.all((['image/png', 'image/jpeg', 'image/bmp', 'image/gif', 'image/tiff'] as const).map(async mime => new Uint8Array(await image.getBuffer(mime))));
		const random = seededRandom(7);
		const damaged = files.flatMap(file =>
			Array.from({length: 12}, (_, i) => {
				const copy = file.slice(0, i % 2 === 0 ? Math.floor(random() * file.length) : file.length);
				for (let flips = 0; flips < 1 + i; flips++) copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
				return copy;
			}),
		);
		for (const [i, file] of damaged.entries()) {
			const {status, body} = await post('/api/predict', file, 'application/octet-stream');
			assert.equal(status, 200, `file ${i}`);
			assert.ok(typeof body[0]!['digit'] === 'number' || /^(The uploaded image |no digit found)/.test(body[0]!['error'] as string), `file ${i}: ${JSON.stringify(body)}`);
		}
		assert.equal((await post('/api/predict', digits[4]!.png, 'image/png')).body[0]!['digit'], digits[4]!.label);
	});

	test('?model picks any installed model; an unknown one is a 404; a request without a body is a 400', async () => {
		const classic = await post('/api/predict?model=classic', digits[1]!.png, 'image/png');
		assert.equal(classic.body[0]!['digit'], digits[1]!.label);
		const unknown = await post('/api/predict?model=nope', digits[1]!.png, 'image/png');
		assert.equal(unknown.status, 404);
		assert.match(unknown.body['error'] as string, /no model named "nope"/);
		const empty = await call('/api/predict', {method: 'POST'});
		assert.equal(empty.status, 400);
		assert.match(empty.body['error'] as string, /body is empty/);
		const badQuery = await post('/api/predict?input=yes', digits[1]!.png, 'image/png');
		assert.equal(badQuery.status, 400);
		assert.match(badQuery.body['error'] as string, /querystring/);
	});

	test('?number=1: each image read as a whole number, its digits with boxes (and with ?input=1 the 28×28 each became); the same status rules', async () => {
		const {Jimp} = await import('jimp');
		const {loadMnist} = await import('../source/data/mnist.js');
		const mnist = await loadMnist('test', {limit: 8});
		const digit = (index: number) => Float32Array.from(mnist.images.subarray(index * 784, (index + 1) * 784), value => value / 255);
		const png = async (indices: number[]) => {
			const picture = numberPicture(indices.map(digit));
			return {png: new Uint8Array(await new Jimp({width: picture.width, height: picture.height, data: Buffer.from(picture.data)}).getBuffer('image/png')), painted: picture.painted};
		};
		const [one, two] = [await png([3, 1, 7]), await png([4, 2])];
		const raw = await post('/api/predict?number=1', one.png, 'image/png');
		assert.equal(raw.status, 200);
		assert.equal(raw.body.length, 1);
		assert.deepEqual(Object.keys(raw.body[0]!), ['file', 'number', 'confidence', 'digits', 'separators']);
		assert.equal(raw.body[0]!['number'], [3, 1, 7].map(index => mnist.labels[index]).join(''));
		const digits = raw.body[0]!['digits'] as Array<Json & {box: {x: number; width: number}}>;
		assert.deepEqual(Object.keys(digits[0]!), ['digit', 'confidence', 'probabilities', 'box']);
		digits.forEach((each, i) => assert.ok(each.box.x >= one.painted[i]!.left && each.box.x + each.box.width <= one.painted[i]!.left + one.painted[i]!.size + 1));
		const form = new FormData();
		form.append('file', new Blob([one.png], {type: 'image/png'}), 'a.png');
		form.append('file', new Blob([two.png], {type: 'image/png'}), 'b.png');
		form.append('file', new Blob(['hello'], {type: 'text/plain'}), 'notes.txt');
		const multi = await call('/api/predict?number=1&input=1', {method: 'POST', body: form});
		assert.equal(multi.status, 200);
		assert.deepEqual(multi.body.map(item => item['number'] ?? item['error']), [raw.body[0]!['number'], [4, 2].map(index => mnist.labels[index]).join(''), 'notes.txt is not an image (it is a text file); give a PNG, JPEG, BMP, GIF or TIFF file.']);
		for (const each of multi.body[1]!['digits'] as Array<{input: number[]; digit: number}>) {
			assert.equal(each.input.length, 784);
			assert.ok(each.input.every(value => value >= 0 && value <= 1) && each.input.some(value => value > 0.5));
		}
		// The 28×28 of a digit is the one a single-digit request of that digit alone gives the model.
		const alone = (await post('/api/predict?input=1', (await png([3])).png, 'image/png')).body[0]!['input'] as number[];
		const inNumber = (multi.body[0]!['digits'] as Array<{input: number[]}>)[0]!.input;
		const difference = Math.max(...inNumber.map((value, i) => Math.abs(value - alone[i]!)));
		assert.ok(difference < 0.05, `the same normalization (largest difference ${difference})`);
		const empty = new Uint8Array(await new Jimp({width: 40, height: 40, color: 0xffffffff}).getBuffer('image/png'));
		assert.deepEqual((await post('/api/predict?number=1', empty, 'image/png')).body, [{file: null, error: 'no digit found'}]);
		assert.equal((await call('/api/predict?number=1', {method: 'POST'})).status, 400);
		assert.equal((await post('/api/predict?number=2', one.png, 'image/png')).status, 400);
	});

	test('the model list, a description and the test-set evaluation the page shows', async () => {
		const {body: list} = await call('/api/models');
		assert.equal(list['defaultModel'], 'best');
		const names = (list['models'] as Json[]).map(model => model['name']);
		assert.ok(names.includes('best') && names.includes('classic'));
		assert.ok((list['models'] as Json[]).every(model => !('path' in model)), 'no folders of the machine');
		const {body: description} = await call('/api/models/classic');
		assert.equal(description['name'], 'classic');
		assert.ok((description['layers'] as unknown[]).length > 3);
		assert.equal((description['meta'] as Json)['preset'], 'classic');
		assert.equal((await call('/api/models/nope')).status, 404);
	});
});

describe('TensorFlow Serving REST API', () => {
	test('model status and metadata as TensorFlow Serving answers them', async () => {
		const {status, body} = await call('/v1/models/best');
		assert.equal(status, 200);
		assert.deepEqual(body, {model_version_status: [{version: '1', state: 'AVAILABLE', status: {error_code: 'OK', error_message: ''}}]});
		const {body: metadata} = await call('/v1/models/best/metadata');
		const signature = (metadata['metadata'] as {signature_def: {signature_def: Record<string, Json>}}).signature_def.signature_def['serving_default']!;
		assert.deepEqual(Object.keys(signature['inputs'] as Json), ['image']);
		assert.deepEqual(Object.keys(signature['outputs'] as Json), ['probabilities']);
		assert.equal((await call('/v1/models/nope')).status, 404);
	});

	test(':predict takes 28×28, 28×28×1 and 784 instances and {"b64"} image files, sent as curl -d sends them', async () => {
		const rows = await asRows(digits[2]!.png);
		const instances = [rows, rows.map(row => row.map(value => [value])), rows.flat(), {b64: Buffer.from(digits[2]!.png).toString('base64')}];
		// `curl -d` (TensorFlow Serving's own examples) sends a form content type.
		const {status, body} = await post('/v1/models/best:predict', JSON.stringify({instances}), 'application/x-www-form-urlencoded');
		assert.equal(status, 200);
		const predictions = body['predictions'] as number[][];
		assert.equal(predictions.length, 4);
		for (const row of predictions) assert.equal(argmax(assertProbabilities(row)), digits[2]!.label);
		const columnar = await post('/v1/models/classic:predict', JSON.stringify({inputs: {image: [rows]}}), 'application/json');
		assert.equal(argmax((columnar.body['outputs'] as number[][])[0]!), digits[2]!.label);
	});

	test('wrong bodies are a 400 naming the field', async () => {
		const cases: Array<[unknown, RegExp]> = [
			[{instances: [[[0.5]]]}, /^instances\[0\] has 1 items/],
			[{instances: [blank.map((row, y) => row.map((value, x) => (y === 3 && x === 5 ? 1.5 : value)))]}, /^instances\[0\]\[3\]\[5\] is 1\.5; pixels must be numbers from 0 to 1/],
			[{instances: [blank.map((row, y) => row.map((value, x) => (y === 2 && x === 1 ? 'x' : value)))]}, /^instances\[0\]\[2\]\[1\] is "x"/],
			[{instances: []}, /"instances" must be a non-empty list/],
			[{image: blank}, /must have "instances"/],
			[{instances: [{b64: Buffer.from('not an image').toString('base64')}]}, /^instances\[0\]\.b64 is not an image/],
		];
		for (const [body, message] of cases) {
			const answer = await post('/v1/models/best:predict', JSON.stringify(body), 'application/json');
			assert.equal(answer.status, 400, JSON.stringify(body).slice(0, 80));
			assert.match(answer.body['error'] as string, message);
		}
		const broken = await post('/v1/models/best:predict', '{"instances": [NaN]}', 'application/json');
		assert.equal(broken.status, 400);
		assert.match(broken.body['error'] as string, /not valid JSON/);
		assert.equal((await post('/v1/models/nope:predict', JSON.stringify({instances: [blank]}), 'application/json')).status, 404);
		assert.equal((await post('/v1/models/best:classify', JSON.stringify({instances: [blank]}), 'application/json')).status, 404);
	});
});

describe('KServe v2 (Open Inference Protocol)', () => {
	test('health, server and model metadata, model readiness', async () => {
		assert.deepEqual((await call('/v2/health/live')).body, {live: true});
		assert.deepEqual((await call('/v2/health/ready')).body, {ready: true});
		const {body} = await call('/v2/models/best');
		assert.deepEqual(body['inputs'], [{name: 'image', datatype: 'FP32', shape: [-1, 28, 28, 1]}]);
		assert.deepEqual(body['outputs'], [{name: 'probabilities', datatype: 'FP32', shape: [-1, 10]}]);
		assert.deepEqual((await call('/v2/models/classic/ready')).body, {name: 'classic', ready: true});
		assert.equal((await call('/v2/models/nope/ready')).status, 404);
	});

	test('infer with [N,28,28,1] and [N,784] FP32 inputs gives probabilities [N,10]', async () => {
		const images = await Promise.all(digits.slice(0, 3).map(({png}) => asRows(png)));
		for (const shape of [[3, 28, 28, 1], [3, 784]]) {
			const request = {id: 'r1', inputs: [{name: 'image', shape, datatype: 'FP32', data: images.flat(2)}], outputs: [{name: 'probabilities'}]};
			const {status, body} = await post('/v2/models/best/infer', JSON.stringify(request), 'application/json');
			assert.equal(status, 200);
			assert.equal(body['model_name'], 'best');
			assert.equal(body['id'], 'r1');
			const [output] = body['outputs'] as Array<{name: string; datatype: string; shape: number[]; data: number[]}>;
			assert.deepEqual([output!.name, output!.datatype, output!.shape], ['probabilities', 'FP32', [3, 10]]);
			for (let i = 0; i < 3; i++) assert.equal(argmax(assertProbabilities(output!.data.slice(i * 10, i * 10 + 10))), digits[i]!.label);
		}
	});

	test('wrong tensors are a 400 naming the field', async () => {
		const tensor = (changes: Json) => JSON.stringify({inputs: [{name: 'image', shape: [1, 784], datatype: 'FP32', data: new Array(784).fill(0), ...changes}]});
		const cases: Array<[string, RegExp]> = [
			[tensor({datatype: 'INT8'}), /^inputs\[0\]\.datatype must be "FP32"/],
			[tensor({shape: [1, 27, 28, 1]}), /^inputs\[0\]\.shape must be/],
			[tensor({shape: [2, 784]}), /^inputs\[0\]\.data must hold 1568 numbers/],
			[tensor({data: [...new Array<number>(783).fill(0), -0.5]}), /^inputs\[0\]\.data\[783\] is -0\.5/],
			[JSON.stringify({inputs: []}), /one tensor/],
		];
		for (const [body, message] of cases) {
			const answer = await post('/v2/models/best/infer', body, 'application/json');
			assert.equal(answer.status, 400, body.slice(0, 80));
			assert.match(answer.body['error'] as string, message);
		}
	});
});

test('/metrics: requests by route and status, latency and batch-size histograms, the queue and model load times', async () => {
	// Concurrent requests share model calls: fewer calls than images.
	await Promise.all(Array.from({length: 64}, (_, i) => post('/api/predict', digits[i % digits.length]!.png, 'image/png')));
	const response = await fetch(`${server.url}/metrics`);
	assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
	const text = await response.text();
	assert.match(text, /^digits_http_requests_total\{method="POST",route="\/api\/predict",status="200"\} \d+$/m);
	assert.match(text, /^digits_http_request_duration_seconds_bucket\{method="POST",route="\/api\/predict",le="\+Inf"\} \d+$/m);
	assert.match(text, /^digits_queue_length \d+$/m);
	assert.match(text, /^digits_model_load_seconds\{model="best"\} [\d.]+$/m);
	const images = Number(/^digits_batch_size_sum (\d+)$/m.exec(text)?.[1]);
	const calls = Number(/^digits_batch_size_count (\d+)$/m.exec(text)?.[1]);
	assert.ok(calls > 0 && images / calls > 1.5, `images per model call: ${images} / ${calls}`);
});
