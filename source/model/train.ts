// Training in the model-service child: data in memory as tensors, a seeded shuffle per
// epoch, one checkpoint per finished epoch, events out through `emit`. The steps run through
// a Trainer: one TensorFlow graph per step on the native backend (graph/), `trainOnBatch`
// elsewhere; both start from the same seeded weights and save the same layers model.
import path from 'node:path';
import type {LayersModel, Tensor} from '@tensorflow/tfjs';
import {loadMnist, type MnistSplit} from '../data/mnist.js';
import {augmentBatch, defaultAugmentation} from './augment.js';
import type {TF} from './backend.js';
import {GraphTrainer, type BatchResult} from './graph/trainer.js';
import {layersPredictor, predictProbabilities, topClasses} from './inference.js';
import {loadModel, saveModel} from './model-files.js';
import {buildModel, classCount, presetLayers} from './presets.js';
import {seededRandom, shuffledIndices} from '../random.js';
import {resolveModel, writableModelsDir} from './store.js';
import {splitSamples, teachRecipe, teachSource} from './teach.js';
import {augmentsEpoch, batchAssembler, type BatchSource, validate} from './batches.js';
import type {BackendName, HistoryEntry, ModelMeta, Samples, TeachScore, TrainEvent, TrainerName, TrainOptions} from './types.js';
import {imagePixels, imageShape} from '../digit-size.js';

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
/** tf.train.adam's defaults (its epsilon is the float32 backend's, 1e-7). */
const adamDefaults = {beta1: 0.9, beta2: 0.999, epsilon: 1e-7};

export class TrainingRefused extends Error {}

/** Runs training steps on a LayersModel's weights; `syncModel` puts them into the model. */
export type Trainer = {
	readonly name: TrainerName;
	trainBatch(images: Tensor, labels: Tensor): Promise<BatchResult>;
	setLearningRate(value: number): void;
	/** Mean loss and accuracy over `images` without training. */
	evaluate(images: Tensor, labels: Tensor): Promise<BatchResult>;
	/** Makes the LayersModel hold the trained weights (before validating with it or saving it). */
	syncModel(): void;
	dispose(): void;
};

export async function train(context: TrainContext, options: TrainOptions & {model: string}): Promise<void> {
	const {tf, backend, emit} = context;
	const started = performance.now();
	const dir = path.join(writableModelsDir(), options.model);
	const model = buildModel(tf, options.preset, options.seed, options.learningRate);
	try {
		if (options.from !== undefined) await copyWeights(tf, options.from, model);
		const trainer = await chooseTrainer(context, model, options);
		try {
			const {samples, ...shown} = options;
			const teaching = options.from !== undefined && samples ? {from: options.from, samples: {folder: samples.folder, count: samples.labels.length}} : {};
			emit({type: 'start', backend, trainer: trainer.name, preset: options.preset, model: options.model, options: shown, ...teaching});
			await trainWith(context, trainer, model, {...options, started, dir});
		} finally {
			trainer.dispose();
		}
	} finally {
		model.dispose();
	}
}

/** Puts the weights of the saved model `name` into `model` (built from the same preset). */
async function copyWeights(tf: TF, name: string, model: LayersModel): Promise<void> {
	const saved = await loadModel(tf, resolveModel(name).dir);
	try {
		model.setWeights(saved.getWeights());
	} finally {
		saved.dispose();
	}
}

type Run = TrainOptions & {model: string; started: number; dir: string};

async function trainWith(context: TrainContext, trainer: Trainer, model: LayersModel, options: Run): Promise<void> {
	const {tf, backend, emit} = context;
	const {started, dir} = options;
	const data = await loadMnist('train', {limit: options.limit});
	if (backend === 'cpu' && data.count > fallbackTrainingLimit) {
		throw new TrainingRefused(
			`Training on the pure-JS backend runs at a few images per second, so it is limited to --limit ${fallbackTrainingLimit}; set up the native backend (\`npm run postinstall\` in the digits folder) to train on more.`,
		);
	}
	const source = options.samples ? teachSource(tf, data, options.samples, options) : mnistSource(tf, data, options);
	// A taught model's starting point, on the samples held out to measure the teaching.
	const before = options.samples ? await source.validate(trainer) : null;
	const history: HistoryEntry[] = [];
	const meta = (): ModelMeta => ({
		name: options.model,
		preset: options.preset,
		options: recordedOptions(options),
		seed: options.seed,
		trainer: trainer.name,
		backend,
		versions: context.versions,
		createdAt: new Date().toISOString(),
		history,
		test: null,
		...(options.samples ? {from: options.from, samples: {folder: options.samples.folder, count: options.samples.labels.length}, teaching: teachRecipe()} : {}),
	});

	for (let epoch = 1; epoch <= options.epochs; epoch++) {
		trainer.setLearningRate(learningRateAt(options, epoch));
		source.startEpoch(epoch);
		const finished = await trainEpoch(context, trainer, source, {epoch, epochs: options.epochs});
		if (!finished) {
			emit({type: 'cancelled', epoch: epoch - 1, path: history.length > 0 ? dir : null});
			return;
		}
		trainer.syncModel();
		const validation = await source.validate(trainer);
		const entry: HistoryEntry = {epoch, ...finished, valLoss: validation?.loss ?? null, valAccuracy: validation?.accuracy ?? null};
		history.push(entry);
		await saveModel(tf, model, dir, meta());
		emit({type: 'epoch', epochs: options.epochs, ...entry, imagesPerSecond: source.imagesPerEpoch / finished.seconds, path: dir});
		if (context.isCancelled()) {
			emit({type: 'cancelled', epoch, path: dir});
			return;
		}
	}
	const testAccuracy = await scoreOnTestSet(tf, model);
	const score = before && options.samples ? teachScore(options.samples, options.seed, before, history.at(-1)!) : undefined;
	const done = meta();
	await saveModel(tf, model, dir, {...done, test: {accuracy: testAccuracy}, ...(score ? {samples: {...done.samples!, ...score}} : {})});
	emit({type: 'done', model: options.model, path: dir, testAccuracy, seconds: (performance.now() - started) / 1000, ...(score ? {samples: score} : {})});
}

function teachScore(samples: Samples, seed: number, before: BatchResult, last: HistoryEntry): TeachScore {
	return {count: samples.labels.length, heldOut: splitSamples(samples.labels, seed).heldOut.length, before: before.accuracy, after: last.valAccuracy ?? 0};
}

/** MNIST's training images: a seeded shuffle per epoch, the last `validationSplit` held out. */
function mnistSource(tf: TF, data: MnistSplit, options: TrainOptions): BatchSource {
	const validationCount = Math.floor(data.count * options.validationSplit);
	const trainCount = data.count - validationCount;
	if (trainCount < 1) throw new TrainingRefused('No training images are left after the validation split; lower --validation-split or raise --limit.');
	const random = seededRandom(options.seed);
	// Its own stream, so a run with augmentation sees the same shuffles as one without.
	const augmentation = options.augment ? {random: seededRandom(options.seed ^ 0x5eed), out: new Float32Array(options.batchSize * imagePixels)} : undefined;
	const assemble = batchAssembler(data, options.batchSize);
	let order: Int32Array = new Int32Array(0);
	return {
		imagesPerEpoch: trainCount,
		batches: Math.ceil(trainCount / options.batchSize),
		startEpoch() {
			order = shuffledIndices(trainCount, random);
		},
		batch(epoch, batch) {
			const indices = order.subarray((batch - 1) * options.batchSize, Math.min(trainCount, batch * options.batchSize));
			const {images, labels} = assemble(indices);
			const augmented = augmentation && augmentsEpoch(options, epoch) ? augmentBatch(images, indices.length, defaultAugmentation, augmentation.random, augmentation.out).subarray(0, images.length) : images;
			return {images: augmented, labels, count: indices.length};
		},
		validate: async trainer => (validationCount > 0 ? validate(tf, trainer, data.images.subarray(trainCount * imagePixels), data.labels.subarray(trainCount)) : null),
	};
}

/** The settings that made a model, as meta.json keeps them: no run-time details or paths. */
function recordedOptions({preset, epochs, batchSize, learningRate, validationSplit, seed, augment, schedule, limit}: TrainOptions): TrainOptions {
	return {preset, epochs, batchSize, learningRate, validationSplit, seed, augment: augment ?? false, schedule: schedule ?? 'constant', ...(limit === undefined ? {} : {limit})};
}

/** The learning rate of an epoch (1-based): constant, or a cosine from the set rate down to 1/20 of it at the start of the last epoch. */
export function learningRateAt({learningRate, schedule, epochs}: Pick<TrainOptions, 'learningRate' | 'schedule' | 'epochs'>, epoch: number): number {
	if (schedule !== 'cosine' || epochs === 1) return learningRate;
	const progress = (epoch - 1) / (epochs - 1);
	const floor = learningRate / 20;
	return floor + ((learningRate - floor) * (1 + Math.cos(Math.PI * progress))) / 2;
}

/** One pass over the source's batches; null when cancelled before it finished. */
async function trainEpoch(context: TrainContext, trainer: Trainer, source: BatchSource, {epoch, epochs}: {epoch: number; epochs: number}) {
	const {tf, emit} = context;
	const epochStart = performance.now();
	let lastEvent = 0;
	let lossSum = 0;
	let correctSum = 0;
	let seen = 0;
	for (let batch = 1; batch <= source.batches; batch++) {
		if (context.isCancelled()) return null;
		const {images, labels, count} = source.batch(epoch, batch);
		const xs = tf.tensor4d(images, [count, ...imageShape]);
		const ys = tf.tensor2d(labels, [count, classCount]);
		const {loss: batchLoss, accuracy: batchAccuracy} = await trainer.trainBatch(xs, ys);
		tf.dispose([xs, ys]);
		lossSum += batchLoss * count;
		correctSum += batchAccuracy * count;
		seen += count;
		const now = performance.now();
		if (now - lastEvent >= batchEventInterval || batch === source.batches) {
			lastEvent = now;
			emit({type: 'batch', epoch, epochs, batch, batches: source.batches, loss: batchLoss, accuracy: batchAccuracy});
		}
		// Let the cancel message in between batches.
		await new Promise(resolve => setImmediate(resolve));
	}
	return {loss: lossSum / seen, accuracy: correctSum / seen, seconds: (performance.now() - epochStart) / 1000};
}

/** Test accuracy on the 10,000 test images: scored once per finished model. */
async function scoreOnTestSet(tf: TF, model: LayersModel): Promise<number> {
	const test = await loadMnist('test');
	const {predicted} = topClasses(await predictProbabilities(tf, layersPredictor(model), test.images));
	let correct = 0;
	for (let i = 0; i < test.count; i++) if (predicted[i] === test.labels[i]) correct++;
	return correct / test.count;
}

let fallbackLogged = false;

/**
 * The graph trainer on the native backend, else (or when it cannot be built, loaded or
 * run: said once on stderr) the eager one. `DIGITS_TRAINER=eager` picks eager on purpose.
 */
async function chooseTrainer(context: TrainContext, model: LayersModel, options: TrainOptions): Promise<Trainer> {
	if (context.backend === 'tensorflow' && process.env['DIGITS_TRAINER'] !== 'eager') {
		try {
			const graph = await GraphTrainer.create(context.tf, model, presetLayers(options.preset), {learningRate: options.learningRate, seed: options.seed, ...adamDefaults});
			return graphTrainer(context.tf, graph, model);
		} catch (error) {
			if (!fallbackLogged) {
				fallbackLogged = true;
				const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
				process.stderr.write(`digits: the one-graph trainer could not start (${reason}), so this run trains with model.fit instead.\n`);
			}
		}
	}
	return eagerTrainer(context.tf, model);
}

function graphTrainer(tf: TF, graph: GraphTrainer, model: LayersModel): Trainer {
	return {
		name: 'graph',
		trainBatch: async (images, labels) => graph.trainBatch(images, labels),
		setLearningRate: value => graph.setLearningRate(value),
		async evaluate(images, labels) {
			const chunk = 1000;
			let loss = 0;
			let accuracy = 0;
			for (let from = 0; from < images.shape[0]; from += chunk) {
				const size = Math.min(chunk, images.shape[0] - from);
				const [xs, ys] = [images.slice(from, size), labels.slice(from, size)];
				const result = graph.evaluateBatch(xs, ys);
				tf.dispose([xs, ys]);
				loss += result.loss * size;
				accuracy += result.accuracy * size;
			}
			return {loss: loss / images.shape[0], accuracy: accuracy / images.shape[0]};
		},
		syncModel: () => graph.copyWeightsTo(model),
		dispose: () => graph.dispose(),
	};
}

function eagerTrainer(tf: TF, model: LayersModel): Trainer {
	return {
		name: 'eager',
		async trainBatch(images, labels) {
			const [loss, accuracy] = (await model.trainOnBatch(images, labels)) as [number, number];
			return {loss, accuracy};
		},
		setLearningRate(value) {
			// tf.train.adam reads its rate on every step; tfjs has no public setter for it.
			(model.optimizer as unknown as {learningRate: number}).learningRate = value;
		},
		async evaluate(images, labels) {
			const [loss, accuracy] = model.evaluate(images, labels, {batchSize: 1000}) as Tensor[];
			const values = {loss: (await loss!.data())[0]!, accuracy: (await accuracy!.data())[0]!};
			tf.dispose([loss!, accuracy!]);
			return values;
		},
		syncModel() {},
		dispose() {},
	};
}
