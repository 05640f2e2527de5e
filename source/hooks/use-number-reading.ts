// The sketch pad's number mode: the wide canvas read as a whole number (image/number.ts finds
// the digits, and all of them go to the model in one call). It is read when a stroke ends (a
// pen lifted, a mouse button released, undo, clear) and on Enter, not on every cursor step; at
// most one reading is in flight, and a canvas changed meanwhile is read again after it. A
// canvas with too little ink (a stray dab) is not read.
import {useCallback, useEffect, useRef, useState} from 'react';
import {readNumber, type Classify, type NumberReading} from '../image/number.js';
import {predictions} from '../model/inference.js';
import {canvasWidth, enoughInk} from '../sketch/canvas.js';
import type {GrayImage} from '../image/load.js';
import {imagePixels, imageSide} from '../digit-size.js';
import type {Predict} from './use-sketch-prediction.js';

export type NumberSketchReading = {
	/** Null for a canvas with too little ink, and before the first reading. */
	reading: NumberReading | null;
	/** Set when reading failed (no model, service down); cleared by the next success. */
	error?: string;
};

/** The model service's probabilities as one prediction per image. */
export function classifyWith(predict: Predict): Classify {
	return async images => predictions(await predict(images));
}

export function useNumberReading(pixels: Float32Array, strokes: number, predict: Predict): NumberSketchReading & {readNow: () => void} {
	const [result, setResult] = useState<NumberSketchReading>({reading: null});
	const latest = useRef(pixels);
	latest.current = pixels;
	const predictRef = useRef(predict);
	predictRef.current = predict;
	const flow = useRef({inFlight: false, dirty: false, live: true});

	const read = useCallback(function read() {
		const state = flow.current;
		if (state.inFlight) {
			state.dirty = true;
			return;
		}
		state.inFlight = true;
		state.dirty = false;
		const canvas = latest.current;
		const finish = () => {
			state.inFlight = false;
			if (state.dirty && state.live) read();
		};
		if (!enoughInk(canvas)) {
			setResult({reading: null});
			finish();
			return;
		}
		readNumber({width: canvasWidth(canvas), height: imageSide, data: canvas}, classifyWith(predictRef.current))
			.then(
				reading => state.live && setResult({reading}),
				(error: Error) => state.live && setResult({reading: null, error: error.message}),
			)
			.finally(finish);
	}, []);

	// A new pad (the mode switched, a file opened) or a finished stroke is read at once.
	useEffect(read, [strokes, read]);
	useEffect(() => {
		const state = flow.current;
		state.live = true;
		return () => {
			state.live = false;
		};
	}, []);

	return {...result, readNow: read};
}

/**
 * A picture read as a number, for the Load image screen: when it holds several digits they go
 * to the model in one call; when it holds one, the model is not asked here (`several` false):
 * its box is kept, and `oneDigit` adds the whole picture's reading, so a picture of one digit
 * still costs one model call.
 */
export async function readPicture(image: GrayImage, predict: Predict): Promise<{reading: NumberReading | null; several: boolean}> {
	let several = true;
	const reading = await readNumber(image, async images => {
		if (images.length > imagePixels) return predictions(await predict(images));
		several = false;
		return [{digit: 0, confidence: 0, probabilities: []}];
	});
	return {reading, several};
}

/** A one-digit reading with the whole picture's prediction in place of its own. */
export function oneDigit(reading: NumberReading, probabilities: Float32Array): NumberReading {
	const [prediction] = predictions(probabilities);
	const digits = reading.digits.map(digit => ({...digit, ...prediction!}));
	return {...reading, number: digits.map(digit => digit.digit).join(''), confidence: prediction!.confidence, digits};
}
