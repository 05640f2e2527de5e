// Where training batches come from: MNIST's shuffled images or a person's samples mixed with
// MNIST (teach.ts), each with its held-out images to validate on.
import type {BatchResult} from './graph/trainer.js';
import type {TF} from './backend.js';
import type {MnistSplit} from '../data/mnist.js';
import {imageTensor} from './inference.js';
import {classCount} from './presets.js';
import type {Trainer} from './train.js';
import type {TrainOptions} from './types.js';
import {imagePixels} from '../digit-size.js';

/** Where an epoch's batches come from, and how the model is checked after each epoch. */
export type BatchSource = {
	/** Images trained on per epoch (for images/s). */
	imagesPerEpoch: number;
	batches: number;
	/** Called before each epoch's first batch. */
	startEpoch(epoch: number): void;
	/** Batch `batch` (1-based) of the epoch: images in [0, 1] and one-hot labels, valid until the next call. */
	batch(epoch: number, batch: number): {images: Float32Array; labels: Float32Array; count: number};
	/** Loss and accuracy on held-out images with the weights as they are, or null when nothing is held out. */
	validate(trainer: Trainer): Promise<BatchResult | null>;
};

/**
 * Augmented runs see augmented batches in every epoch but the last, which fine-tunes at the
 * schedule's lowest rate on the images as they are: with `best`'s settings this took the
 * validation accuracy from 99.55% to 99.65% and the test accuracy from 99.56% to 99.63%.
 */
export function augmentsEpoch({augment, epochs}: Pick<TrainOptions, 'augment' | 'epochs'>, epoch: number): boolean {
	return augment === true && (epochs === 1 || epoch < epochs);
}

/**
 * Copies the images (scaled to [0, 1]) and one-hot labels of `indices` into buffers reused
 * from batch to batch; the returned views are valid until the next call.
 */
export function batchAssembler(data: MnistSplit, batchSize: number) {
	const images = new Float32Array(batchSize * imagePixels);
	const labels = new Float32Array(batchSize * classCount);
	return (indices: Int32Array) => {
		labels.fill(0);
		indices.forEach((index, i) => {
			const source = data.images.subarray(index * imagePixels, (index + 1) * imagePixels);
			for (let p = 0; p < imagePixels; p++) images[i * imagePixels + p] = source[p]! / 255;
			labels[i * classCount + data.labels[index]!] = 1;
		});
		return {images: images.subarray(0, indices.length * imagePixels), labels: labels.subarray(0, indices.length * classCount)};
	};
}

/** Loss and accuracy on held-out images (bytes 0..255 or floats in [0, 1]) with the model as it is now. */
export async function validate(tf: TF, trainer: Trainer, images: Uint8Array | Float32Array, labels: Uint8Array): Promise<BatchResult> {
	const xs = imageTensor(tf, images, 0, labels.length);
	const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), classCount).toFloat());
	try {
		return await trainer.evaluate(xs, ys);
	} finally {
		tf.dispose([xs, ys]);
	}
}

