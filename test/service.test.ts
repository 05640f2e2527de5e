// The model service end to end on real TensorFlow: small slices only.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {loadMnist} from '../source/data/mnist.js';
import {ModelServiceProcess} from '../source/model/service.js';
import {findModel, readMeta} from '../source/model/store.js';
import type {TrainEvent, TrainOptions} from '../source/model/types.js';
import {temporaryHome} from './helpers.js';

const home = temporaryHome();
const base: TrainOptions = {preset: 'classic', epochs: 2, batchSize: 128, learningRate: 0.001, validationSplit: 0.2, seed: 7, limit: 2000};

async function collect(events: AsyncIterable<TrainEvent>, onEvent?: (event: TrainEvent) => void): Promise<TrainEvent[]> {
	const all: TrainEvent[] = [];
	for await (const event of events) {
		all.push(event);
		onEvent?.(event);
	}
	return all;
}

async function testImages(count: number): Promise<Float32Array> {
	const test = await loadMnist('test', {limit: count});
	return Float32Array.from(test.images, value => value / 255);
}

describe('model service on the native backend', () => {
	const service = new ModelServiceProcess();
	let events: TrainEvent[];

	before(async () => {
		events = await collect(service.train({...base, model: 'small'}));
	});
	after(() => service.close());

	test('trains in the contract order and learns well above chance', () => {
		const types = events.map(event => event.type);
		assert.equal(types[0], 'start');
		assert.equal(types.at(-1), 'done');
		assert.equal(types.filter(type => type === 'epoch').length, 2);
		assert.ok(types.indexOf('batch') < types.indexOf('epoch'), 'batch events come before the first epoch event');
		const start = events[0] as Extract<TrainEvent, {type: 'start'}>;
		assert.equal(start.backend, 'tensorflow');
		const epochs = events.filter((event): event is Extract<TrainEvent, {type: 'epoch'}> => event.type === 'epoch');
		assert.ok(epochs[1]!.loss < epochs[0]!.loss, 'loss falls from epoch 1 to 2');
		assert.ok(epochs.every(epoch => epoch.valAccuracy !== null && epoch.imagesPerSecond > 0));
		const done = events.at(-1) as Extract<TrainEvent, {type: 'done'}>;
		assert.ok(done.testAccuracy > 0.5, `test accuracy ${done.testAccuracy} is well above chance (0.1)`);
	});

	test('writes a model folder with meta.json as the contract says', () => {
		const dir = findModel('small');
		assert.ok(dir?.startsWith(home));
		const meta = readMeta(dir!);
		assert.equal(meta.name, 'small');
		assert.equal(meta.preset, 'classic');
		assert.equal(meta.seed, 7);
		assert.deepEqual(meta.options, {preset: 'classic', epochs: 2, batchSize: 128, learningRate: 0.001, validationSplit: 0.2, seed: 7, augment: false, schedule: 'constant', limit: 2000});
		assert.equal(meta.backend, 'tensorflow');
		assert.equal(meta.history.length, 2);
		assert.ok(meta.test && meta.test.accuracy > 0.5);
		assert.ok(fs.existsSync(path.join(dir!, 'weights.bin')));
	});

	test('save → load in a new process gives identical predictions, and tf.loadLayersModel reads the files', async () => {
		const images = await testImages(20);
		await service.load('small');
		const first = await service.predict(images);
		const fresh = new ModelServiceProcess();
		try {
			await fresh.load('small');
			assert.deepEqual(await fresh.predict(images), first);
		} finally {
			fresh.close();
		}
		const tf = await import('@tensorflow/tfjs-node');
		const model = await tf.loadLayersModel(`file://${path.join(findModel('small')!, 'model.json')}`);
		const output = model.predict(tf.tensor4d(images, [20, 28, 28, 1])) as import('@tensorflow/tfjs').Tensor;
		const direct = await output.data();
		for (let i = 0; i < first.length; i++) assert.ok(Math.abs(direct[i]! - first[i]!) < 1e-5);
	});

	test('predictions come from their own process on one TensorFlow thread, training from one on every core', async () => {
		await service.load('small');
		const {predict, train} = service.pids();
		assert.ok(predict && train && predict !== train, `two processes (${predict}, ${train})`);
		const environment = (pid: number) => fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
		assert.ok(environment(predict).includes('TF_NUM_INTRAOP_THREADS=1'));
		assert.ok(!environment(train).some(variable => variable.startsWith('TF_NUM_INTRAOP_THREADS=')));
	});

	test('evaluate without a name scores the model loaded last', async () => {
		await service.load('small');
		const evaluation = await service.evaluate(undefined);
		assert.equal(evaluation.model, 'small');
		assert.equal(evaluation.labels.length, 10_000);
	});

	test('a crashed prediction process is started again for the next request, with the model loaded last', async () => {
		const images = await testImages(3);
		await service.load('small');
		const expected = await service.predict(images);
		const crashed = service.pids().predict!;
		process.kill(crashed, 'SIGKILL');
		// Until this process has heard of the exit, a request still goes to the dead child and fails.
		let again: Float32Array | undefined;
		for (let tries = 0; !again; tries++) {
			again = await service.predict(images).catch((error: Error) => {
				assert.match(error.message, /stopped unexpectedly/);
				assert.ok(tries < 50, 'the crash is noticed within 5 s');
				return new Promise<undefined>(resolve => setTimeout(resolve, 100));
			});
		}
		// A new process answers its first request op by op, the old one from its graph: equal to rounding.
		assert.ok(again.every((value, i) => Math.abs(value - expected[i]!) < 1e-5));
		assert.notEqual(service.pids().predict, crashed);
	});

	test('a child that cannot start says so at every request instead of starting again', async () => {
		const broken = new ModelServiceProcess();
		const saved = process.env['NODE_OPTIONS'];
		process.env['NODE_OPTIONS'] = '--require=/nonexistent/module.cjs';
		try {
			await assert.rejects(broken.predict(await testImages(1)), /stopped unexpectedly \(exit code 1\)/);
		} finally {
			if (saved === undefined) delete process.env['NODE_OPTIONS'];
			else process.env['NODE_OPTIONS'] = saved;
		}
		const pid = broken.pids().predict;
		await assert.rejects(broken.predict(await testImages(1)), /stopped unexpectedly/);
		assert.equal(broken.pids().predict, pid);
		broken.close();
	});

	test('closing stops a child still loading TensorFlow at once, and refuses later requests', async () => {
		const early = new ModelServiceProcess();
		const loading = early.ready('train');
		early.close();
		await assert.rejects(loading, /signal SIGTERM/);
		await assert.rejects(early.load('small'), /was closed/);
	});

	test('the same seed gives the same first epoch', async () => {
		const again = await collect(service.train({...base, epochs: 1, model: 'small-again'}));
		const firstEpoch = (list: TrainEvent[]) => list.find(event => event.type === 'epoch') as Extract<TrainEvent, {type: 'epoch'}>;
		assert.ok(Math.abs(firstEpoch(again).loss - firstEpoch(events).loss) < 1e-5);
	});

	test('training onto an existing name needs force', async () => {
		await assert.rejects(collect(service.train({...base, model: 'small'})), /already exists; add --force/);
	});

	test('cancelling before the first epoch finishes saves nothing', async () => {
		const controller = new AbortController();
		const list = await collect(service.train({...base, model: 'never'}, {signal: controller.signal}), event => {
			if (event.type === 'batch') controller.abort();
		});
		assert.deepEqual(list.at(-1), {type: 'cancelled', epoch: 0, path: null});
		assert.equal(findModel('never'), undefined);
	});

	test('cancelling after an epoch keeps that epoch on disk', async () => {
		const controller = new AbortController();
		const list = await collect(service.train({...base, epochs: 3, model: 'kept'}, {signal: controller.signal}), event => {
			if (event.type === 'epoch') controller.abort();
		});
		const last = list.at(-1) as Extract<TrainEvent, {type: 'cancelled'}>;
		assert.equal(last.type, 'cancelled');
		assert.equal(last.epoch, 1);
		assert.equal(last.path, findModel('kept'));
		assert.equal(readMeta(last.path).history.length, 1);
	});

	test('a model trained again under the same name is reloaded, not served from memory', async () => {
		const images = await testImages(5);
		await service.load('kept');
		const before = await service.predict(images);
		await collect(service.train({...base, epochs: 1, seed: 99, model: 'kept', force: true}));
		await service.load('kept');
		assert.notDeepEqual(await service.predict(images), before);
	});

	test('a killed service keeps the last finished epoch loadable', async () => {
		const doomed = new ModelServiceProcess();
		const killed = collect(doomed.train({...base, epochs: 3, model: 'crashed'}), event => {
			if (event.type === 'epoch') process.kill(doomed.pids().train!, 'SIGKILL');
		});
		const list = await killed;
		assert.equal(list.at(-1)?.type, 'error');
		assert.match((list.at(-1) as {message: string}).message, /stopped unexpectedly/);
		await service.load('crashed');
		assert.equal((await service.describe()).meta.history.length, 1);
	});
});

describe('model service on the pure-JS fallback', () => {
	test('says which backend it uses, predicts, and refuses large training runs', async () => {
		process.env['DIGITS_BACKEND'] = 'cpu';
		const service = new ModelServiceProcess();
		try {
			assert.equal((await service.ready()).backend, 'cpu');
			await service.load('small');
			const probabilities = await service.predict(await testImages(3));
			assert.equal(probabilities.length, 30);
			const refused = await collect(service.train({...base, limit: 5000, model: 'too-big'}));
			assert.equal(refused.at(-1)?.type, 'error');
			assert.match((refused.at(-1) as {message: string}).message, /--limit 1000/);
		} finally {
			delete process.env['DIGITS_BACKEND'];
			service.close();
		}
	});
});
