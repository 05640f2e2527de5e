// Training in the model-service child: data in memory as tensors, a seeded shuffle per
// epoch, one checkpoint per finished epoch, events out through `emit`.
import path from 'node:path';
import type {LayersModel, Tensor} from '@tensorflow/tfjs';
import {loadMnist, type MnistSplit} from '../data/mnist.js';
import type {TF} from './backend.js';
import {predictProbabilities, topClasses} from './inference.js';
import {saveModel} from './model-files.js';
import {buildModel} from './presets.js';
import {seededRandom, shuffledIndices} from './random.js';
import {writableModelsDir} from './store.js';
import type {BackendName, HistoryEntry, ModelMeta, TrainEvent, TrainOptions} from './types.js';

export type TrainContext = {
	tf: TF;
	backend: BackendName;
	emit: (event: TrainEvent) => void;
	isCancelled: () => boolean;
	versions: Record<string, string>;
};

/** The pure-JS backend trains at a few images per second: beyond this it refuses. */
export const fallbackTrainingLimit = 1000;
/** Batch events are sampled: at most one per this many milliseconds, plus each epoch's last. */
const batchEventInterval = 100;

export class TrainingRefused extends Error {}

export async function train(context: TrainContext, options: TrainOptions & {model: string}): Promise<void> {
	const {tf, backend, emit} = context;
	const started = performance.now();
	const dir = path.join(writableModelsDir(), options.model);
	emit({type: 'start', backend, trainer: 'eager', preset: options.preset, model: options.model, options});

	const data = await loadMnist('train', {limit: options.limit});
	if (backend === 'cpu' && data.count > fallbackTrainingLimit) {
		throw new TrainingRefused(
			`Training on the pure-JS backend runs at a few images per second, so it is limited to --limit ${fallbackTrainingLimit}; install the native backend (npm rebuild) to train on more.`,
		);
	}
	const validationCount = Math.floor(data.count * options.validationSplit);
	const trainCount = data.count - validationCount;
	if (trainCount < 1) throw new TrainingRefused('No training images are left after the validation split; lower --validation-split or raise --limit.');

	const model = buildModel(tf, options.preset, options.seed, options.learningRate);
	const x = toImages(tf, data);
	const y = tf.oneHot(tf.tensor1d(data.labels, 'int32'), 10);
	const random = seededRandom(options.seed);
	const history: HistoryEntry[] = [];
	const meta = (): ModelMeta => ({
		name: options.model,
		preset: options.preset,
		options,
		seed: options.seed,
		trainer: 'eager',
		backend,
		versions: context.versions,
		createdAt: new Date().toISOString(),
		history,
		test: null,
	});

	try {
		for (let epoch = 1; epoch <= options.epochs; epoch++) {
			const finished = await trainEpoch(context, model, x, y, {epoch, trainCount, options, order: shuffledIndices(trainCount, random)});
			if (!finished) {
				emit({type: 'cancelled', epoch: epoch - 1, path: history.length > 0 ? dir : null});
				return;
			}
			const validation = validationCount > 0 ? await validate(tf, model, x, y, trainCount, data.count) : null;
			const entry: HistoryEntry = {epoch, ...finished, valLoss: validation?.loss ?? null, valAccuracy: validation?.accuracy ?? null};
			history.push(entry);
			await saveModel(tf, model, dir, meta());
			emit({type: 'epoch', epochs: options.epochs, ...entry, imagesPerSecond: trainCount / finished.seconds, path: dir});
			if (context.isCancelled()) {
				emit({type: 'cancelled', epoch, path: dir});
				return;
			}
		}
		const testAccuracy = await scoreOnTestSet(tf, model);
		await saveModel(tf, model, dir, {...meta(), test: {accuracy: testAccuracy}});
		emit({type: 'done', model: options.model, path: dir, testAccuracy, seconds: (performance.now() - started) / 1000});
	} finally {
		tf.dispose([x, y]);
		model.dispose();
	}
}

type EpochPlan = {epoch: number; trainCount: number; options: TrainOptions; order: Int32Array};

/** One pass over the shuffled training part; null when cancelled before it finished. */
async function trainEpoch(context: TrainContext, model: LayersModel, x: Tensor, y: Tensor, plan: EpochPlan) {
	const {tf, emit} = context;
	const {batchSize, epochs} = plan.options;
	const batches = Math.ceil(plan.trainCount / batchSize);
	const epochStart = performance.now();
	let lastEvent = 0;
	let lossSum = 0;
	let correctSum = 0;
	for (let batch = 1; batch <= batches; batch++) {
		if (context.isCancelled()) return null;
		const indices = plan.order.subarray((batch - 1) * batchSize, Math.min(plan.trainCount, batch * batchSize));
		const [xs, ys] = tf.tidy(() => {
			const index = tf.tensor1d(indices, 'int32');
			return [tf.gather(x, index), tf.gather(y, index)];
		});
		const [batchLoss, batchAccuracy] = (await model.trainOnBatch(xs!, ys!)) as [number, number];
		tf.dispose([xs!, ys!]);
		lossSum += batchLoss * indices.length;
		correctSum += batchAccuracy * indices.length;
		const now = performance.now();
		if (now - lastEvent >= batchEventInterval || batch === batches) {
			lastEvent = now;
			emit({type: 'batch', epoch: plan.epoch, epochs, batch, batches, loss: batchLoss, accuracy: batchAccuracy});
		}
		// Let the cancel message in between batches.
		await new Promise(resolve => setImmediate(resolve));
	}
	return {loss: lossSum / plan.trainCount, accuracy: correctSum / plan.trainCount, seconds: (performance.now() - epochStart) / 1000};
}

async function validate(tf: TF, model: LayersModel, x: Tensor, y: Tensor, from: number, to: number) {
	const [xs, ys] = [x.slice(from, to - from), y.slice(from, to - from)];
	const [loss, accuracy] = model.evaluate(xs, ys, {batchSize: 1000}) as Tensor[];
	const values = {loss: (await loss!.data())[0]!, accuracy: (await accuracy!.data())[0]!};
	tf.dispose([xs, ys, loss!, accuracy!]);
	return values;
}

/** Test accuracy on the 10,000 test images: scored once per finished model. */
async function scoreOnTestSet(tf: TF, model: LayersModel): Promise<number> {
	const test = await loadMnist('test');
	const {predicted} = topClasses(await predictProbabilities(tf, model, test.images));
	let correct = 0;
	for (let i = 0; i < test.count; i++) if (predicted[i] === test.labels[i]) correct++;
	return correct / test.count;
}

function toImages(tf: TF, data: MnistSplit): Tensor {
	return tf.tidy(() => tf.tensor4d(data.images, [data.count, 28, 28, 1], 'int32').toFloat().div(255));
}
