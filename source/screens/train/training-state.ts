// What the training screen knows about a run, as a pure reducer over the service's events.
// Events arrive in merged bursts (at most ~10 a second); the time of each burst is passed
// in, so rates and the ETA are computed here and tested without clocks.
import type {Point} from '../../render/series.js';
import type {BackendName, HistoryEntry, TeachScore, TrainerName, TrainEvent, TrainOptions} from '../../model/types.js';

export type EpochRow = HistoryEntry & {imagesPerSecond: number};

export type TrainingOutcome =
	| {type: 'done'; model: string; path: string; testAccuracy: number; seconds: number; samples?: TeachScore}
	| {type: 'cancelled'; epoch: number; path: string | null}
	| {type: 'error'; message: string};

export type TrainingState = {
	/** idle: the form; starting: waiting for TensorFlow; preparing: loading data; training: batches flow. */
	phase: 'idle' | 'starting' | 'preparing' | 'training' | 'finished';
	/** The user asked to stop; the run ends at the next batch. */
	stopping: boolean;
	options?: TrainOptions;
	model?: string;
	backend?: BackendName;
	trainer?: TrainerName;
	/** A teaching run: the model taught and how many samples it is taught. */
	teaching?: {from: string; count: number};
	epoch: number;
	epochs: number;
	batch: number;
	batches: number;
	loss: Point[];
	accuracy: Point[];
	history: EpochRow[];
	/** Milliseconds, on the clock the actions carry. */
	startedAt: number;
	now: number;
	/** Where the current epoch's images/s is measured from: the step and time its epoch began (the run's first batch for epoch 1). */
	epochMark?: {step: number; time: number};
	/** The first batch seen: the ETA is measured from it. */
	firstBatch?: {step: number; time: number};
	outcome?: TrainingOutcome;
};

export type TrainingAction =
	| {type: 'requested'; options: TrainOptions; now: number}
	| {type: 'events'; events: readonly TrainEvent[]; now: number}
	| {type: 'stopRequested'}
	| {type: 'failed'; message: string; now: number}
	| {type: 'reset'};

export const idleTraining: TrainingState = {
	phase: 'idle',
	stopping: false,
	epoch: 0,
	epochs: 0,
	batch: 0,
	batches: 0,
	loss: [],
	accuracy: [],
	history: [],
	startedAt: 0,
	now: 0,
};

export function trainingReducer(state: TrainingState, action: TrainingAction): TrainingState {
	switch (action.type) {
		case 'requested':
			return {...idleTraining, phase: 'starting', options: action.options, epochs: action.options.epochs, startedAt: action.now, now: action.now};
		case 'stopRequested':
			return state.phase === 'finished' || state.phase === 'idle' ? state : {...state, stopping: true};
		case 'failed':
			return {...state, phase: 'finished', now: action.now, outcome: {type: 'error', message: action.message}};
		case 'reset':
			return idleTraining;
		case 'events':
			return action.events.reduce((current, event) => applyEvent(current, event, action.now), {...state, now: action.now});
	}
}

function applyEvent(state: TrainingState, event: TrainEvent, now: number): TrainingState {
	switch (event.type) {
		case 'start':
			return {
				...state,
				phase: 'preparing',
				model: event.model,
				backend: event.backend,
				trainer: event.trainer,
				epochs: event.options.epochs,
				options: event.options,
				...(event.from !== undefined && event.samples ? {teaching: {from: event.from, count: event.samples.count}} : {}),
			};
		case 'batch': {
			const step = (event.epoch - 1) * event.batches + event.batch;
			return {
				...state,
				phase: state.phase === 'finished' ? state.phase : 'training',
				epoch: event.epoch,
				epochs: event.epochs,
				batch: event.batch,
				batches: event.batches,
				loss: [...state.loss, {step, value: event.loss}],
				accuracy: [...state.accuracy, {step, value: event.accuracy}],
				epochMark: state.epochMark ?? {step, time: now},
				firstBatch: state.firstBatch ?? {step, time: now},
			};
		}
		case 'epoch': {
			const {type: _type, epochs, path: _path, ...row} = event;
			// The next epoch begins as this one is reported: its images/s counts from here.
			return {...state, epochs, history: [...state.history, row], epochMark: {step: currentStep(state), time: now}};
		}
		case 'done':
		case 'cancelled':
		case 'error': {
			const {...outcome} = event;
			return {...state, phase: 'finished', outcome};
		}
	}
}

/** The global step of the last batch seen (1-based over the whole run). */
export function currentStep(state: TrainingState): number {
	return state.batches === 0 ? 0 : (state.epoch - 1) * state.batches + state.batch;
}

export function epochFraction(state: TrainingState): number {
	return state.batches === 0 ? 0 : state.batch / state.batches;
}

export function runFraction(state: TrainingState): number {
	if (state.outcome?.type === 'done') return 1;
	return state.batches === 0 || state.epochs === 0 ? 0 : currentStep(state) / (state.epochs * state.batches);
}

/**
 * Images per second, counted as the epoch table counts them: this epoch's images over this
 * epoch's seconds. Between epochs and after the run it is the last epoch's own figure, so the
 * header and the table never disagree.
 */
export function imagesPerSecond(state: TrainingState): number | undefined {
	const finishedEpoch = state.history.at(-1)?.imagesPerSecond;
	const mark = state.epochMark;
	const step = currentStep(state);
	if (state.phase === 'finished' || !mark || step <= mark.step || state.now <= mark.time) return finishedEpoch;
	return ((step - mark.step) * (state.options?.batchSize ?? 0)) / ((state.now - mark.time) / 1000);
}

export function elapsedSeconds(state: TrainingState): number {
	return Math.max(0, (state.now - state.startedAt) / 1000);
}

/** Seconds left at the pace since the first batch (epoch ends included); undefined until known. */
export function etaSeconds(state: TrainingState): number | undefined {
	if (state.phase === 'finished') return 0;
	const first = state.firstBatch;
	const step = currentStep(state);
	if (!first || step <= first.step || state.now <= first.time) return undefined;
	const perStep = (state.now - first.time) / 1000 / (step - first.step);
	return (state.epochs * state.batches - step) * perStep;
}

/** Per-epoch points for a chart: where each epoch ended, its train value and its validation value. */
export function epochPoints(state: TrainingState, metric: 'loss' | 'accuracy') {
	return state.history.map(row => ({
		epoch: row.epoch,
		step: row.epoch * state.batches,
		train: metric === 'loss' ? row.loss : row.accuracy,
		validation: metric === 'loss' ? row.valLoss : row.valAccuracy,
	}));
}

/** The model a finished run left to evaluate: the trained one, or the last epoch a stopped run saved. */
export function evaluableModel(state: TrainingState): string | undefined {
	const {outcome} = state;
	if (outcome?.type === 'done') return outcome.model;
	if (outcome?.type === 'cancelled' && outcome.path !== null) return state.model;
	return undefined;
}
