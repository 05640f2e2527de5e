// The training loop with the graph trainer, in-process on a small slice: it learns, saves a
// tfjs layers model holding the graph's weights, and falls back to eager (said once) when
// the graph cannot start.
import assert from 'node:assert/strict';
import {after, before, describe, mock, test} from 'node:test';
import type {Tensor} from '@tensorflow/tfjs';
import {loadMnist} from '../source/data/mnist.js';
import type {TF} from '../source/model/backend.js';
import {loadModel} from '../source/model/model-files.js';
import {findModel, readMeta} from '../source/model/store.js';
import {augmentsEpoch} from '../source/model/batches.js';
import {learningRateAt, train, type TrainContext} from '../source/model/train.js';
import type {TrainEvent, TrainOptions} from '../source/model/types.js';
import {temporaryHome} from './helpers.js';
import {nativeEnvironment} from '../source/model/service.js';

// TensorFlow as the model service's child runs it (read when tfjs-node loads, below).
process.env['TF_ENABLE_ONEDNN_OPTS'] = nativeEnvironment.TF_ENABLE_ONEDNN_OPTS;

temporaryHome();
const base: TrainOptions & {model: string} = {preset: 'classic', epochs: 2, batchSize: 64, learningRate: 0.001, validationSplit: 0.2, seed: 3, limit: 2000, model: 'graph-small'};

function contextFor(tf: TF, events: TrainEvent[]): TrainContext {
	return {tf, backend: 'tensorflow', emit: event => events.push(event), isCancelled: () => false, versions: {}};
}

describe('training loop with the graph trainer', () => {
	let tf: TF;
	const events: TrainEvent[] = [];

	before(async () => {
		tf = await import('@tensorflow/tfjs-node');
		await train(contextFor(tf, events), base);
	});

	test('trains with the graph trainer and learns on --limit 2000', () => {
		const start = events[0] as Extract<TrainEvent, {type: 'start'}>;
		assert.equal(start.type, 'start');
		assert.equal(start.trainer, 'graph');
		const epochs = events.filter((event): event is Extract<TrainEvent, {type: 'epoch'}> => event.type === 'epoch');
		assert.equal(epochs.length, 2);
		assert.ok(epochs[1]!.loss < epochs[0]!.loss);
		assert.ok(epochs[1]!.valAccuracy! > 0.8, `validation accuracy ${epochs[1]!.valAccuracy}`);
		const done = events.at(-1) as Extract<TrainEvent, {type: 'done'}>;
		assert.equal(done.type, 'done');
		assert.ok(done.testAccuracy > 0.8, `test accuracy ${done.testAccuracy}`);
		assert.equal(readMeta(findModel('graph-small')!).trainer, 'graph');
	});

	test('the saved layers model holds the graph’s weights: it scores what the graph scored', async () => {
		const model = await loadModel(tf, findModel('graph-small')!);
		const data = await loadMnist('train', {limit: 2000});
		const [images, labels] = tf.tidy((): [Tensor, Tensor] => [
			tf.tensor4d(data.images.subarray(1600 * 784), [400, 28, 28, 1], 'int32').toFloat().div(255),
			tf.tensor1d(data.labels.subarray(1600), 'int32'),
		]);
		const predicted = tf.tidy(() => (model.predict(images) as Tensor).argMax(1).equal(labels).sum().dataSync()[0]!);
		const lastEpoch = events.filter(event => event.type === 'epoch').at(-1) as Extract<TrainEvent, {type: 'epoch'}>;
		assert.ok(Math.abs(predicted / 400 - lastEpoch.valAccuracy!) <= 1 / 400, `${predicted / 400} vs ${lastEpoch.valAccuracy}`);
		tf.dispose([images, labels]);
		model.dispose();
	});
});

describe('training loop when the graph cannot start', () => {
	const written: string[] = [];
	before(() => mock.method(process.stderr, 'write', (text: string) => (written.push(text), true)));
	after(() => mock.restoreAll());

	test('falls back to the eager trainer and says why once', async () => {
		const native = (await import('@tensorflow/tfjs-node')) as unknown as TF;
		// tfjs-node without its SavedModel API: the graph trainer cannot open a session.
		const tf = {...native, node: undefined} as unknown as TF;
		const events: TrainEvent[] = [];
		await train(contextFor(tf, events), {...base, epochs: 1, limit: 300, validationSplit: 0, model: 'fallback'});
		assert.equal((events[0] as Extract<TrainEvent, {type: 'start'}>).trainer, 'eager');
		assert.equal(events.at(-1)?.type, 'done');
		// A second run in the same process (cancelled at once) does not say it again.
		const again: TrainEvent[] = [];
		await train({...contextFor(tf, again), isCancelled: () => true}, {...base, model: 'fallback-again'});
		assert.equal((again[0] as Extract<TrainEvent, {type: 'start'}>).trainer, 'eager');
		assert.equal(again.at(-1)?.type, 'cancelled');
		const notices = written.filter(text => text.includes('one-graph trainer'));
		assert.equal(notices.length, 1, written.join(''));
		assert.match(notices[0]!, /could not start \(the native TensorFlow backend is not loaded\), so this run trains with model\.fit instead\.\n$/);
		assert.equal(readMeta(findModel('fallback')!).trainer, 'eager');
	});
});

describe('the best preset on a slice', () => {
	const options: TrainOptions & {model: string} = {...base, preset: 'best', epochs: 2, limit: 1500, validationSplit: 0.2, augment: true, schedule: 'cosine', model: 'best-small'};
	const epochsOf = (events: TrainEvent[]) => events.filter((event): event is Extract<TrainEvent, {type: 'epoch'}> => event.type === 'epoch');

	for (const trainer of ['graph', 'eager'] as const) {
		test(`trains with augmentation on the ${trainer} path and learns`, async () => {
			const tf = (await import('@tensorflow/tfjs-node')) as unknown as TF;
			const events: TrainEvent[] = [];
			const before = process.env['DIGITS_TRAINER'];
			process.env['DIGITS_TRAINER'] = trainer;
			try {
				await train(contextFor(tf, events), {...options, model: `best-${trainer}`});
			} finally {
				if (before === undefined) delete process.env['DIGITS_TRAINER'];
				else process.env['DIGITS_TRAINER'] = before;
			}
			assert.equal((events[0] as Extract<TrainEvent, {type: 'start'}>).trainer, trainer);
			const [first, second] = epochsOf(events);
			assert.ok(second!.loss < first!.loss, `loss ${first!.loss} → ${second!.loss}`);
			const done = events.at(-1) as Extract<TrainEvent, {type: 'done'}>;
			assert.equal(done.type, 'done');
			assert.ok(done.testAccuracy > 0.2, `test accuracy ${done.testAccuracy}: after 38 small steps of a regularized network, twice chance (0.1) or more`);
			const meta = readMeta(findModel(`best-${trainer}`)!);
			assert.equal(meta.options.augment, true);
			assert.equal(meta.options.schedule, 'cosine');
		});
	}
});

describe('learning-rate schedule', () => {
	test('constant keeps the rate; cosine falls from it to a twentieth at the last epoch', () => {
		assert.equal(learningRateAt({learningRate: 0.002, epochs: 5, schedule: 'constant'}, 4), 0.002);
		assert.equal(learningRateAt({learningRate: 0.002, epochs: 5}, 5), 0.002);
		const rates = [1, 2, 3, 4, 5].map(epoch => learningRateAt({learningRate: 0.002, epochs: 5, schedule: 'cosine'}, epoch));
		assert.equal(rates[0], 0.002);
		assert.ok(Math.abs(rates[2]! - (0.002 + 0.0001) / 2) < 1e-12, `halfway: ${rates[2]}`);
		assert.ok(Math.abs(rates[4]! - 0.0001) < 1e-12);
		assert.ok(rates.every((rate, i) => i === 0 || rate < rates[i - 1]!), rates.join(', '));
		assert.equal(learningRateAt({learningRate: 0.002, epochs: 1, schedule: 'cosine'}, 1), 0.002);
	});
});

describe('augmentation over the epochs', () => {
	test('every epoch but the last when on (a single epoch is augmented); never when off', () => {
		const epochs = (options: {augment?: boolean; epochs: number}) => Array.from({length: options.epochs}, (_, i) => augmentsEpoch(options, i + 1));
		assert.deepEqual(epochs({augment: true, epochs: 4}), [true, true, true, false]);
		assert.deepEqual(epochs({augment: true, epochs: 1}), [true]);
		assert.deepEqual(epochs({augment: false, epochs: 3}), [false, false, false]);
		assert.deepEqual(epochs({epochs: 2}), [false, false]);
	});
});
