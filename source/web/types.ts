// The shapes the server's /api answers (see the serve section of the readme).

export type Prediction = {file: string | null; digit: number; confidence: number; probabilities: number[]; input?: number[]};
export type Failure = {file: string | null; error: string};
export type Outcome = Prediction | Failure;

export const failed = (outcome: Outcome | NumberOutcome): outcome is Failure => 'error' in outcome;

/** A rectangle in the sent picture's pixels, from its top-left corner. */
export type Box = {x: number; y: number; width: number; height: number};
export type NumberDigit = {digit: number; confidence: number; probabilities: number[]; box: Box; input?: number[]};
/** `?number=1`: the digits of one picture, left to right; `confidence` is the product of theirs. */
export type NumberReading = {file: string | null; number: string; confidence: number; digits: NumberDigit[]; separators: Array<{separator: string; box: Box}>};
export type NumberOutcome = NumberReading | Failure;

export type ModelSummary = {name: string; preset: string; testAccuracy: number | null; createdAt: string | null; isDefault: boolean; shipped: boolean};
export type ModelList = {defaultModel: string; models: ModelSummary[]};

export type Epoch = {epoch: number; loss: number; accuracy: number; valLoss?: number | null; valAccuracy?: number | null; seconds: number};
export type ModelMeta = {
	preset?: string;
	options?: Record<string, unknown>;
	seed?: number;
	trainer?: string;
	createdAt?: string;
	history?: Epoch[];
	test?: {accuracy?: number};
};
export type Layer = {name: string; type: string; outputShape: unknown; parameters: number};
export type ModelDescription = {name: string; backend: string; layers: Layer[]; parameters: number; meta: ModelMeta | null};

export type ClassScores = {precision: number; recall: number; f1: number; support: number};
export type Evaluation = {
	backend: string;
	model: string;
	accuracy: number;
	confusionMatrix: number[][];
	report: {classes: Array<ClassScores & {label: number}>; macroAvg: ClassScores; weightedAvg: ClassScores};
};
