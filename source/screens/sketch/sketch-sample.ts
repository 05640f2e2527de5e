// `t` on the sketch pad: the drawing becomes a sample of the user's handwriting (the canvas
// as it is, white ink on black, as `s` saves it), unless there is no digit to save.
import type {GrayImage} from '../../image/load.js';
import {enoughInk, isBlank} from '../../sketch/canvas.js';
import {imageSide} from '../../digit-size.js';

/** Why the drawing cannot be saved as a sample, in one sentence; undefined when it can. */
export function sketchSampleProblem(pixels: Float32Array): string | undefined {
	if (isBlank(pixels)) return 'The canvas is empty: draw a digit first, then press t and its digit.';
	if (!enoughInk(pixels)) return 'Too little ink to be a digit: draw the whole digit first, then press t and its digit.';
	return undefined;
}

/** The canvas as the picture a sample keeps. */
export function sketchPicture(pixels: Float32Array): GrayImage {
	return {width: imageSide, height: imageSide, data: Float32Array.from(pixels)};
}
