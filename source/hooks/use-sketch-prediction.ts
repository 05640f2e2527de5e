// Live prediction for the sketch pad: the canvas goes through the same preprocessing as
// image files, then to the model service; a canvas with too little ink to be a digit (a
// stray dab) is not sent, and reads as empty. At most one request is in flight and requests
// start at most every `intervalMs` while a stroke goes on; when a stroke ends the canvas
// is predicted at once, so the bars follow the pen within the interval.
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {preprocessForModel} from '../image/preprocess.js';
import {enoughInk} from '../sketch/canvas.js';
import {imageSide} from '../digit-size.js';


export type SketchPrediction = {
	/** What the model sees: the preprocessed 28×28, null for an empty canvas or one with too little ink. */
	seen: Float32Array | null;
	probabilities: Float32Array | null;
	/** Set when predicting failed (no model, service down); cleared by the next success. */
	error?: string;
};

export type Predict = (images: Float32Array) => Promise<Float32Array>;

export function useSketchPrediction(pixels: Float32Array, strokes: number, predict: Predict, intervalMs = 100): SketchPrediction & {predictNow: () => void} {
	const [prediction, setPrediction] = useState<SketchPrediction>({seen: null, probabilities: null});
	const latest = useRef(pixels);
	latest.current = pixels;
	const predictRef = useRef(predict);
	predictRef.current = predict;
	const flow = useRef({inFlight: false, dirty: false, dirtyNow: false, lastStart: -Infinity, timer: undefined as NodeJS.Timeout | undefined, live: true});

	// `run` and `request` call each other: a request starts a run, a run that ends with the
	// canvas changed meanwhile requests again. Both read only refs, so they are made once.
	const request = useMemo(() => {
		const run = () => {
			const state = flow.current;
			clearTimeout(state.timer);
			state.timer = undefined;
			state.inFlight = true;
			state.dirty = false;
			state.dirtyNow = false;
			state.lastStart = performance.now();
			const seen = enoughInk(latest.current) ? preprocessForModel({width: imageSide, height: imageSide, data: latest.current}) : null;
			const finish = () => {
				state.inFlight = false;
				if (state.dirty && state.live) requestRun(state.dirtyNow);
			};
			if (!seen) {
				setPrediction({seen: null, probabilities: null});
				finish();
				return;
			}
			predictRef.current(seen).then(
				probabilities => state.live && setPrediction({seen, probabilities}),
				(error: Error) => state.live && setPrediction({seen, probabilities: null, error: error.message}),
			).finally(finish);
		};
		const requestRun = (now: boolean) => {
			const state = flow.current;
			if (state.inFlight) {
				state.dirty = true;
				state.dirtyNow ||= now;
				return;
			}
			const wait = state.lastStart + intervalMs - performance.now();
			if (now || wait <= 0) run();
			else state.timer ??= setTimeout(run, wait);
		};
		return requestRun;
	}, [intervalMs]);

	const strokesSeen = useRef(strokes);
	useEffect(() => {
		const ended = strokes !== strokesSeen.current;
		strokesSeen.current = strokes;
		request(ended);
	}, [pixels, strokes, request]);

	useEffect(() => {
		const state = flow.current;
		state.live = true;
		return () => {
			state.live = false;
			clearTimeout(state.timer);
		};
	}, []);

	return {...prediction, predictNow: useCallback(() => request(true), [request])};
}
