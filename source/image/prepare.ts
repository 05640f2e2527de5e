// An image's bytes or file → the 28×28 the model reads, or the sentence saying why there is
// none. `digits predict` and `digits serve` read every image through this.
import {readImage, readImageFile} from './load.js';
import {preprocessForModel} from './preprocess.js';

/** The model's input (784 floats in [0, 1]), or the reason there is none: the CLI's sentence, or "no digit found" for a blank image. */
export type Prepared = {pixels: Float32Array; error?: undefined} | {pixels?: undefined; error: string};

/** `name` is what error sentences call the image (a file name, "standard input"). */
export async function prepareImage(bytes: Uint8Array, name: string): Promise<Prepared> {
	return prepared(() => readImage(bytes, name));
}

export async function prepareImageFile(file: string): Promise<Prepared> {
	return prepared(() => readImageFile(file));
}

async function prepared(read: () => ReturnType<typeof readImage>): Promise<Prepared> {
	try {
		const pixels = preprocessForModel(await read());
		return pixels ? {pixels} : {error: 'no digit found'};
	} catch (error) {
		return {error: (error as Error).message};
	}
}
