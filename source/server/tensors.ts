// The standard protocols' tensors → the model's input (`count × 784` floats in [0, 1]). Every
// mistake is a 400 naming the field, as the protocols' own servers do.
import {imagePixels, imageSide} from '../digit-size.js';
import {RequestError} from './request-error.js';

const shapes = `${imageSide}×${imageSide}, ${imageSide}×${imageSide}×1 or ${imagePixels} numbers from 0 to 1`;

const invalid = (message: string) => new RequestError(400, message);

/**
 * A pixel: a number from 0 to 1 (JSON has no NaN; a string or null is named). The field's
 * name is built only for the error (784 names a request were most of the check's time).
 */
function pixel(value: unknown, field: () => string): number {
	if (typeof value === 'number' && value >= 0 && value <= 1) return value;
	if (typeof value !== 'number') throw invalid(`${field()} is ${JSON.stringify(value) ?? typeof value}; pixels must be numbers from 0 to 1.`);
	throw invalid(`${field()} is ${value}; pixels must be numbers from 0 to 1.`);
}

/** One image given as numbers: 28×28, 28×28×1 or 784 of them. */
export function instancePixels(value: unknown, field: string): Float32Array {
	if (!Array.isArray(value)) throw invalid(`${field} must be ${shapes}.`);
	const out = new Float32Array(imagePixels);
	if (value.length === imagePixels) {
		value.forEach((item, i) => (out[i] = pixel(item, () => `${field}[${i}]`)));
		return out;
	}
	if (value.length !== imageSide) throw invalid(`${field} has ${value.length} items; an image is ${shapes}.`);
	value.forEach((row: unknown, y) => {
		if (!Array.isArray(row) || row.length !== imageSide) throw invalid(`${field}[${y}] must be a row of ${imageSide} pixels; an image is ${shapes}.`);
		row.forEach((item: unknown, x) => {
			const channels = Array.isArray(item);
			if (channels && item.length !== 1) throw invalid(`${field}[${y}][${x}] has ${item.length} channels; images are grayscale (1).`);
			out[y * imageSide + x] = pixel(channels ? (item as unknown[])[0] : item, () => (channels ? `${field}[${y}][${x}][0]` : `${field}[${y}][${x}]`));
		});
	});
	return out;
}

/** A TensorFlow Serving instance: numbers, or an image file's bytes as `{"b64": "..."}`. */
export type Instance = {field: string; pixels: Float32Array} | {field: string; bytes: Uint8Array};

function instance(value: unknown, field: string): Instance {
	if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
		const object = value as Record<string, unknown>;
		// A named input in the row format: {"image": ...}.
		if ('image' in object) return instance(object['image'], `${field}.image`);
		if (typeof object['b64'] !== 'string') throw invalid(`${field} must be ${shapes}, or {"b64": "<base64 image file>"}.`);
		return {field: `${field}.b64`, bytes: Buffer.from(object['b64'], 'base64')};
	}
	return {field, pixels: instancePixels(value, field)};
}

/** `{"instances": [...]}` (the row format) or `{"inputs": [...]}` / `{"inputs": {"image": [...]}}` (the columnar one). */
export function servingInstances(body: unknown): Instance[] {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalid('The body must be a JSON object with "instances" (or "inputs").');
	const object = body as Record<string, unknown>;
	const key = 'instances' in object ? 'instances' : 'inputs' in object ? 'inputs' : undefined;
	if (!key) throw invalid('The body must have "instances": a list of images (or "inputs").');
	let list = object[key];
	let field = key;
	if (key === 'inputs' && list !== null && typeof list === 'object' && !Array.isArray(list) && 'image' in list) {
		list = (list as Record<string, unknown>)['image'];
		field = 'inputs.image';
	}
	if (!Array.isArray(list) || list.length === 0) throw invalid(`"${field}" must be a non-empty list of images.`);
	return list.map((value: unknown, i) => instance(value, `${field}[${i}]`));
}

const v2Shapes = `[N,${imageSide},${imageSide},1], [N,${imageSide},${imageSide}] or [N,${imagePixels}]`;

/** A KServe v2 (Open Inference Protocol) request's input: `count × 784` floats. */
export function inferInputs(body: unknown): Float32Array {
	const inputs = (body as {inputs?: unknown} | null)?.inputs;
	if (!Array.isArray(inputs) || inputs.length !== 1) throw invalid('The body must have "inputs": a list with one tensor (the image batch).');
	const tensor = inputs[0] as Record<string, unknown> | null;
	if (tensor === null || typeof tensor !== 'object') throw invalid('inputs[0] must be a tensor: {"name", "shape", "datatype", "data"}.');
	const {shape, datatype, data} = tensor;
	if (datatype !== 'FP32') throw invalid(`inputs[0].datatype must be "FP32" (got ${JSON.stringify(datatype)}).`);
	const valid = Array.isArray(shape) && shape.every(size => Number.isInteger(size) && (size as number) > 0);
	const dims = valid ? (shape as number[]).slice(1).join(',') : '';
	if (!valid || ![`${imageSide},${imageSide},1`, `${imageSide},${imageSide}`, `${imagePixels}`].includes(dims)) {
		throw invalid(`inputs[0].shape must be ${v2Shapes} (got ${JSON.stringify(shape)}).`);
	}
	const count = (shape as number[])[0]!;
	// The protocol allows the data flat or nested in the tensor's shape.
	const flat = Array.isArray(data) ? (data as unknown[]).flat(3) : undefined;
	if (!flat || flat.length !== count * imagePixels) {
		throw invalid(`inputs[0].data must hold ${count * imagePixels} numbers for shape ${JSON.stringify(shape)} (got ${flat ? flat.length : 'none'}).`);
	}
	return Float32Array.from(flat, (value, i) => pixel(value, () => `inputs[0].data[${i}]`));
}
