// Consumes the model service's training stream in one place. The training itself runs in
// the service's child process; here batch events are merged so the screen is redrawn about
// four times a second (each Ink frame costs the app CPU that training could use), and any
// other event is shown at once.
import {useCallback, useReducer, useRef} from 'react';
import {idleTraining, trainingReducer, type TrainingOutcome, type TrainingState} from './training-state.js';
import type {ModelService} from '../../model/service.js';
import type {TrainEvent, TrainOptions} from '../../model/types.js';

export type TrainingRun = {
	state: TrainingState;
	/** True from start until the stream has ended. */
	running: boolean;
	start: (options: TrainOptions) => void;
	/** Stops at the next batch; the last finished epoch stays on disk. */
	stop: () => void;
	/** Stops and waits for the run to end, at most `timeoutMs`. */
	stopAndWait: (timeoutMs: number) => Promise<void>;
	/** Back to the form. */
	reset: () => void;
};

/** Batch events are held back at most this long, then shown together. */
const mergeWindowMs = 250;

export function useTraining(service: ModelService, {onFinished}: {onFinished?: (outcome: TrainingOutcome) => void} = {}): TrainingRun {
	const [state, dispatch] = useReducer(trainingReducer, idleTraining);
	const current = useRef<{controller: AbortController; finished: Promise<void>} | undefined>(undefined);
	const onFinishedRef = useRef(onFinished);
	onFinishedRef.current = onFinished;

	const start = useCallback(
		(options: TrainOptions) => {
			if (current.current) return;
			const controller = new AbortController();
			dispatch({type: 'requested', options, now: Date.now()});
			let buffer: TrainEvent[] = [];
			let timer: NodeJS.Timeout | undefined;
			const flush = () => {
				clearTimeout(timer);
				timer = undefined;
				if (buffer.length === 0) return;
				const events = buffer;
				buffer = [];
				dispatch({type: 'events', events, now: Date.now()});
			};
			const finished = (async () => {
				let outcome: TrainingOutcome | undefined;
				try {
					for await (const event of service.train(options, {signal: controller.signal})) {
						buffer.push(event);
						if (event.type === 'done' || event.type === 'cancelled' || event.type === 'error') outcome = event;
						if (event.type === 'batch') timer ??= setTimeout(flush, mergeWindowMs);
						else flush();
					}
					flush();
				} catch (error) {
					flush();
					outcome = {type: 'error', message: (error as Error).message};
					dispatch({type: 'failed', message: outcome.message, now: Date.now()});
				} finally {
					current.current = undefined;
				}
				if (!outcome) {
					outcome = {type: 'error', message: 'The training stream ended without saying how; run `digits train` to see why.'};
					dispatch({type: 'failed', message: outcome.message, now: Date.now()});
				}
				onFinishedRef.current?.(outcome);
			})();
			current.current = {controller, finished};
		},
		[service],
	);

	const stop = useCallback(() => {
		if (!current.current) return;
		current.current.controller.abort();
		dispatch({type: 'stopRequested'});
	}, []);

	const stopAndWait = useCallback(async (timeoutMs: number) => {
		const run = current.current;
		if (!run) return;
		run.controller.abort();
		dispatch({type: 'stopRequested'});
		let timer: NodeJS.Timeout | undefined;
		await Promise.race([run.finished, new Promise<void>(resolve => (timer = setTimeout(resolve, timeoutMs)))]);
		clearTimeout(timer);
	}, []);

	const reset = useCallback(() => {
		if (!current.current) dispatch({type: 'reset'});
	}, []);

	return {state, running: state.phase !== 'idle' && state.phase !== 'finished', start, stop, stopAndWait, reset};
}
