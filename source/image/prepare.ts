// An image's bytes or file → the 28×28 the model reads (or the number it holds), or the
// sentence saying why there is none. `digits predict` and `digits serve` read every image
// through this.
import {type LoadedImage, readImage, readImageFile} from './load.js';
import {type Box, type Classify, type NumberReading, readNumber} from './number.js';
import {preprocessForModel} from './preprocess.js';

/** The model's input (784 floats in [0, 1]), or the reason there is none: the CLI's sentence, or "no digit found" for a blank image. */
export type Prepared = {pixels: Float32Array; error?: undefined} | {pixels?: undefined; error: string};

/** A number read from an image (boxes in the stored image's pixels), or the reason there is none. */
export type ReadNumber = {reading: NumberReading; error?: undefined} | {reading?: undefined; error: string};

/** `name` is what error sentences call the image (a file name, "standard input"). */
export async function prepareImage(bytes: Uint8Array, name: string): Promise<Prepared> {
	return prepared(() => readImage(bytes, name));
}

export async function prepareImageFile(file: string): Promise<Prepared> {
	return prepared(() => readImageFile(file));
}

async function prepared(read: () => Promise<LoadedImage>): Promise<Prepared> {
	try {
		const pixels = preprocessForModel(await read());
		return pixels ? {pixels} : {error: 'no digit found'};
	} catch (error) {
		return {error: (error as Error).message};
	}
}

export async function readNumberImage(bytes: Uint8Array, name: string, classify: Classify): Promise<ReadNumber> {
	return numberRead(() => readImage(bytes, name), classify);
}

export async function readNumberFile(file: string, classify: Classify): Promise<ReadNumber> {
	return numberRead(() => readImageFile(file), classify);
}

async function numberRead(read: () => Promise<LoadedImage>, classify: Classify): Promise<ReadNumber> {
	let image: LoadedImage;
	try {
		image = await read();
	} catch (error) {
		return {error: (error as Error).message};
	}

	const reading = await readNumber(image, classify);
	if (!reading) return {error: 'no digit found'};
	// A large JPEG is decoded reduced: boxes are given in the stored image's pixels.
	const [sx, sy] = [image.sourceWidth / image.width, image.sourceHeight / image.height];
	const toSource = (box: Box): Box => ({x: Math.floor(box.x * sx), y: Math.floor(box.y * sy), width: Math.ceil(box.width * sx), height: Math.ceil(box.height * sy)});
	return {
		reading: {
			...reading,
			digits: reading.digits.map(digit => ({...digit, box: toSource(digit.box)})),
			separators: reading.separators.map(separator => ({...separator, box: toSource(separator.box)})),
		},
	};
}
