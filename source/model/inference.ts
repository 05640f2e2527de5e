// Running a loaded model on many images: batched, tensors disposed, plain numbers out.
import type {LayersModel, Tensor} from '@tensorflow/tfjs';
import type {TF} from './backend.js';
import {imagePixels, imageShape} from '../digit-size.js';

const batchSize = 1000;

/** Images as [count, 28, 28, 1] floats in [0, 1]; bytes (0..255) are scaled. */
export function imageTensor(tf: TF, images: Uint8Array | Float32Array, start: number, end: number): Tensor {
	const slice = images.subarray(start * imagePixels, end * imagePixels);
	const floats = slice instanceof Float32Array ? slice : Float32Array.from(slice, value => value / 255);
	return tf.tensor4d(floats, [end - start, ...imageShape]);
}

/** Whatever turns a batch of images into class probabilities: a layers model or a graph session. */
export type Predictor = {predict(images: Tensor): Tensor; dispose?(): void};

export function layersPredictor(model: LayersModel): Predictor {
	return {predict: images => model.predict(images) as Tensor};
}

/** Probabilities for every image: `count × 10` floats, row by row. */
export async function predictProbabilities(
	tf: TF,
	model: Predictor,
	images: Uint8Array | Float32Array,
	onProgress?: (done: number, total: number) => void,
): Promise<Float32Array> {
	const count = images.length / imagePixels;
	const out = new Float32Array(count * 10);
	for (let start = 0; start < count; start += batchSize) {
		const end = Math.min(count, start + batchSize);
		const input = imageTensor(tf, images, start, end);
		const output = model.predict(input);
		out.set(await output.data(), start * 10);
		tf.dispose([input, output]);
		onProgress?.(end, count);
	}
	return out;
}

/** The most probable digit of each row and its probability. */
export function topClasses(probabilities: Float32Array): {predicted: Uint8Array; confidences: Float32Array} {
	const count = probabilities.length / 10;
	const predicted = new Uint8Array(count);
	const confidences = new Float32Array(count);
	for (let i = 0; i < count; i++) {
		let best = 0;
		for (let digit = 1; digit < 10; digit++) if (probabilities[i * 10 + digit]! > probabilities[i * 10 + best]!) best = digit;
		predicted[i] = best;
		confidences[i] = probabilities[i * 10 + best]!;
	}
	return {predicted, confidences};
}

/** What `digits predict --json` and the server say about one image. */
export type Prediction = {digit: number; confidence: number; probabilities: number[]};

/** One prediction per row of `count × 10` probabilities. */
export function predictions(probabilities: Float32Array): Prediction[] {
	const {predicted, confidences} = topClasses(probabilities);
	return Array.from(predicted, (digit, i) => ({digit, confidence: confidences[i]!, probabilities: Array.from(probabilities.subarray(i * 10, i * 10 + 10))}));
}
