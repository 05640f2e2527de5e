// Teaching a model one person's handwriting: a short run from an existing model on their
// samples, each batch a share of samples and the rest MNIST images ("replay", so that it does not
// forget what it read before), with a quarter of the samples held out to measure it. Part of
// the MNIST replay is leaned to the writer's slant (see slant.ts).
import type {TF} from './backend.js';
import {augmentBatch, defaultAugmentation} from './augment.js';
import {augmentsEpoch, type BatchSource, validate} from './batches.js';
import type {MnistSplit} from '../data/mnist.js';
import {classCount, teachDefaults} from './presets.js';
import {seededRandom, shuffledIndices} from '../random.js';
import type {Samples, TeachRecipe, TrainOptions} from './types.js';
import {imagePixels} from '../digit-size.js';
import {medianSkew, mnistSkew, slantedDigits} from './slant.js';

/** The share of each digit's samples held out to measure the teaching. */
const HELD_OUT_SHARE = 0.25;

/**
 * Sample indices split per digit by a seeded shuffle: a quarter of each digit's samples
 * (rounded, at least one where a digit has two or more) is held out, the rest taught.
 */
export function splitSamples(labels: Uint8Array, seed: number): {taught: Int32Array; heldOut: Int32Array} {
	const random = seededRandom(seed ^ 0x7eac);
	const taught: number[] = [];
	const heldOut: number[] = [];
	for (let digit = 0; digit < classCount; digit++) {
		const indices = labels.reduce<number[]>((found, label, index) => (label === digit ? [...found, index] : found), []);
		const order = shuffledIndices(indices.length, random);
		const held = indices.length >= 2 ? Math.max(1, Math.round(indices.length * HELD_OUT_SHARE)) : 0;
		order.forEach((position, k) => (k < held ? heldOut : taught).push(indices[position]!));
	}
	return {taught: Int32Array.from(taught.sort((a, b) => a - b)), heldOut: Int32Array.from(heldOut.sort((a, b) => a - b))};
}

function gather(samples: Samples, indices: Int32Array): {images: Float32Array; labels: Uint8Array} {
	const images = new Float32Array(indices.length * imagePixels);
	indices.forEach((index, i) => images.set(samples.images.subarray(index * imagePixels, (index + 1) * imagePixels), i * imagePixels));
	return {images, labels: Uint8Array.from(indices, index => samples.labels[index]!)};
}

/** The recipe's settings meta.json records for a taught model. */
export function teachRecipe(): TeachRecipe {
	const {batchesPerEpoch, sampleShare, slantShare, slantPool, sampleAugmentation} = teachDefaults;
	return {batchesPerEpoch, sampleShare, slantShare, slantPool, sampleAugmentation: {...sampleAugmentation, elastic: {...sampleAugmentation.elastic}}};
}

/** MNIST digits drawn to measure MNIST's usual slant (the median settles well before this many). */
const SLANT_SAMPLE = 1000;

type Slanted = ReturnType<typeof slantedDigits>;

/**
 * MNIST digits leaned by the difference between the taught samples' median slant and MNIST's:
 * a writer who leans shows the model many digit shapes at their slant. Null when the recipe takes none.
 */
function slantedReplay(data: MnistSplit, samples: Samples, taught: Int32Array, seed: number): Slanted | null {
	if (teachDefaults.slantShare <= 0) return null;
	const random = seededRandom(seed ^ 0x51a7);
	const shear = medianSkew(samples.images, taught) - mnistSkew(data, SLANT_SAMPLE, random);
	return slantedDigits(data, shear, teachDefaults.slantPool, random);
}

/** Copies image `index` of `from` (values 0..1, or 0..255 with `scale`) into row `row` of a batch, with its one-hot label. */
function putRow(batch: {images: Float32Array; labels: Float32Array}, row: number, from: {images: Float32Array | Uint8Array; labels: Uint8Array}, index: number, scale = 1): void {
	for (let p = 0; p < imagePixels; p++) batch.images[row * imagePixels + p] = from.images[index * imagePixels + p]! / scale;
	batch.labels[row * classCount + from.labels[index]!] = 1;
}

/**
 * The batches of a teaching run: the taught samples in a seeded cycle, then leaned MNIST digits,
 * then MNIST images as they are, at random; validated on the held-out samples. The samples are
 * augmented more strongly than MNIST: each is seen dozens of times.
 */
export function teachSource(tf: TF, data: MnistSplit, samples: Samples, options: TrainOptions): BatchSource {
	const {taught, heldOut} = splitSamples(samples.labels, options.seed);
	const held = gather(samples, heldOut);
	const random = seededRandom(options.seed);
	const augmentRandom = seededRandom(options.seed ^ 0x5eed);
	const {batchSize} = options;
	const fromSamples = Math.max(1, Math.round(batchSize * teachDefaults.sampleShare));
	const slanted = slantedReplay(data, samples, taught, options.seed);
	const fromSlanted = slanted ? Math.round((batchSize - fromSamples) * teachDefaults.slantShare) : 0;
	const batch = {images: new Float32Array(batchSize * imagePixels), labels: new Float32Array(batchSize * classCount)};
	const augmented = new Float32Array(batchSize * imagePixels);
	let cycle = shuffledIndices(taught.length, random);
	let next = 0;
	const nextSample = () => {
		if (next === cycle.length) [cycle, next] = [shuffledIndices(taught.length, random), 0];
		return taught[cycle[next++]!]!;
	};
	return {
		imagesPerEpoch: teachDefaults.batchesPerEpoch * batchSize,
		batches: teachDefaults.batchesPerEpoch,
		startEpoch() {},
		batch(epoch) {
			batch.labels.fill(0);
			for (let i = 0; i < batchSize; i++) {
				if (i < fromSamples) putRow(batch, i, samples, nextSample());
				else if (slanted && i < fromSamples + fromSlanted) putRow(batch, i, slanted, Math.floor(random() * slanted.count));
				else putRow(batch, i, data, Math.floor(random() * data.count), 255);
			}
			if (!augmentsEpoch(options, epoch)) return {images: batch.images, labels: batch.labels, count: batchSize};
			const split = fromSamples * imagePixels;
			augmentBatch(batch.images.subarray(0, split), fromSamples, teachDefaults.sampleAugmentation, augmentRandom, augmented.subarray(0, split));
			augmentBatch(batch.images.subarray(split), batchSize - fromSamples, defaultAugmentation, augmentRandom, augmented.subarray(split));
			return {images: augmented, labels: batch.labels, count: batchSize};
		},
		validate: async trainer => (held.labels.length > 0 ? validate(tf, trainer, held.images, held.labels) : null),
	};
}
