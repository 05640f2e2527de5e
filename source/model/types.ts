// Shapes shared by the model service, its child processes, the CLI and the TUI.
// JSON is camelCase everywhere, and these shapes are what --json prints.
import type {AugmentOptions} from './augment.js';
import type {LearningRateSchedule, PresetName} from './presets.js';

export type {LearningRateSchedule, PresetName};
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';
export type TrainerName = 'graph' | 'eager';

export type TrainOptions = {
	preset: PresetName;
	epochs: number;
	batchSize: number;
	learningRate: number;
	validationSplit: number;
	seed: number;
	/** Random shifts, rotations, thickness and distortions of each batch, in every epoch but the last (off when absent). */
	augment?: boolean;
	/** The learning rate over the epochs: constant (when absent), or a cosine from it down to near 0. */
	schedule?: LearningRateSchedule;
	/** Use only the first N training images (for tests and quick tries). */
	limit?: number;
	/** Model name; a new `<preset>-<yyyymmdd-hhmm>` when absent. */
	model?: string;
	/** Allow training onto an existing name. */
	force?: boolean;
	/** Teach this existing model instead of starting from seeded weights (needs `samples`). */
	from?: string;
	/** A person's own digits to teach `from`, mixed with MNIST replay so that it does not forget. */
	samples?: Samples;
};

/** A person's own digits, read from a samples folder through the one preprocessing pipeline. */
export type Samples = {folder: string; images: Float32Array; labels: Uint8Array};

/** How a teaching run did on the samples it held out: accuracy before (the `from` model) and after. */
export type TeachScore = {count: number; heldOut: number; before: number; after: number};

export type TrainEvent =
	| {
			type: 'start';
			backend: BackendName;
			trainer: TrainerName;
			preset: PresetName;
			model: string;
			options: TrainOptions;
			/** Teaching: the model taught, and the samples folder with how many samples it holds. */
			from?: string;
			samples?: {folder: string; count: number};
	  }
	| {type: 'batch'; epoch: number; epochs: number; batch: number; batches: number; loss: number; accuracy: number}
	| {
			type: 'epoch';
			epoch: number;
			epochs: number;
			loss: number;
			accuracy: number;
			valLoss: number | null;
			valAccuracy: number | null;
			imagesPerSecond: number;
			seconds: number;
			path: string;
	  }
	| {type: 'done'; model: string; path: string; testAccuracy: number; seconds: number; samples?: TeachScore}
	| {type: 'cancelled'; epoch: number; path: string | null}
	| {type: 'error'; message: string};

export type HistoryEntry = {
	epoch: number;
	loss: number;
	accuracy: number;
	valLoss: number | null;
	valAccuracy: number | null;
	seconds: number;
};

export type ModelMeta = {
	name: string;
	preset: PresetName;
	options: TrainOptions;
	seed: number;
	trainer: TrainerName;
	backend: BackendName;
	versions: Record<string, string>;
	createdAt: string;
	history: HistoryEntry[];
	test: {accuracy: number} | null;
	/** A taught model: the model it started from and its samples (folder, and the score once done). */
	from?: string;
	samples?: {folder: string; count: number} & Partial<TeachScore>;
	/** A taught model: the recipe's settings beyond `options` (presets.ts, teachDefaults). */
	teaching?: TeachRecipe;
};

/** How a teaching run mixes its batches: the settings of teachDefaults that `options` does not hold. */
export type TeachRecipe = {batchesPerEpoch: number; sampleShare: number; slantShare: number; slantPool: number; sampleAugmentation: AugmentOptions};

export type ClassScores = {precision: number; recall: number; f1: number; support: number};

export type ClassificationReport = {
	classes: Array<ClassScores & {label: number}>;
	macroAvg: ClassScores;
	weightedAvg: ClassScores;
};

export type Metrics = {
	accuracy: number;
	/** 10×10, rows = true label, columns = predicted label. */
	confusionMatrix: number[][];
	report: ClassificationReport;
};

export type Evaluation = Metrics & {
	backend: BackendName;
	model: string;
	path: string;
	/** Per test image, in test-set order. */
	labels: Uint8Array;
	predicted: Uint8Array;
	confidences: Float32Array;
};

export type LayerSummary = {name: string; type: string; outputShape: Array<number | null>; parameters: number};

export type ModelDescription = {
	name: string;
	path: string;
	backend: BackendName;
	layers: LayerSummary[];
	parameters: number;
	meta: ModelMeta;
};
