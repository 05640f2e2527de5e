// Teaching a model one person's handwriting: a short run from an existing model on their
// samples, each batch a share of samples and the rest MNIST images ("replay", so that it does not
// forget what it read before), with a quarter of the samples held out to measure it.
import type {TF} from './backend.js';
import {augmentBatch, defaultAugmentation} from './augment.js';
import {augmentsEpoch, type BatchSource, validate} from './batches.js';
import type {MnistSplit} from '../data/mnist.js';
import {classCount, teachDefaults} from './presets.js';
import {seededRandom, shuffledIndices} from '../random.js';
import type {Samples, TrainOptions} from './types.js';
import {imagePixels} from '../digit-size.js';

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

/** The batches of a teaching run: the taught samples in a seeded cycle, MNIST images at random; validated on the held-out samples. */
export function teachSource(tf: TF, data: MnistSplit, samples: Samples, options: TrainOptions): BatchSource {
	const {taught, heldOut} = splitSamples(samples.labels, options.seed);
	const held = gather(samples, heldOut);
	const random = seededRandom(options.seed);
	const augmentRandom = seededRandom(options.seed ^ 0x5eed);
	const {batchSize} = options;
	const fromSamples = Math.max(1, Math.round(batchSize * teachDefaults.sampleShare));
	const images = new Float32Array(batchSize * imagePixels);
	const labels = new Float32Array(batchSize * classCount);
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
			labels.fill(0);
			for (let i = 0; i < batchSize; i++) {
				if (i < fromSamples) {
					const index = nextSample();
					images.set(samples.images.subarray(index * imagePixels, (index + 1) * imagePixels), i * imagePixels);
					labels[i * classCount + samples.labels[index]!] = 1;
				} else {
					const index = Math.floor(random() * data.count);
					for (let p = 0; p < imagePixels; p++) images[i * imagePixels + p] = data.images[index * imagePixels + p]! / 255;
					labels[i * classCount + data.labels[index]!] = 1;
				}
			}
			const shown = augmentsEpoch(options, epoch) ? augmentBatch(images, batchSize, defaultAugmentation, augmentRandom, augmented) : images;
			return {images: shown, labels, count: batchSize};
		},
		validate: async trainer => (held.labels.length > 0 ? validate(tf, trainer, held.images, held.labels) : null),
	};
}
