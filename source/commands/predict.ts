// `digits predict`: digits read from image files, folders, globs or stdin. Images are
// decoded and preprocessed a batch at a time, one model call per batch, and each batch's
// answers are printed as soon as they are known: thousands of files never sit in memory.
// With --number each image holds a whole number: its digits are read in one model call.
import {expandInputs, type ImageInput} from '../image/files.js';
import type {Classify, NumberReading} from '../image/number.js';
import {prepareImage, prepareImageFile, readNumberFile, readNumberImage, type Prepared, type ReadNumber} from '../image/prepare.js';
import type {ModelService} from '../model/service.js';
import {predictions, type Prediction} from '../model/inference.js';
import {percent} from '../render/format.js';
import {imagePixels} from '../digit-size.js';

type Writer = {write: (text: string) => unknown};
type Outcome = (Prediction & {file: string; lowConfidence?: true}) | {file: string; error: string};
type NumberOutcome = (NumberReading & {file: string; lowConfidence?: true}) | {file: string; error: string};

/** Images per model call: large enough to amortize the call, small enough to print early. */
export const PREDICT_BATCH = 256;

export async function predictCommand(
	service: ModelService,
	inputs: string[],
	{
		model,
		json,
		number = false,
		minConfidence,
		batchSize = PREDICT_BATCH,
		stdout = process.stdout,
		stderr = process.stderr,
	}: {model?: string; json: boolean; number?: boolean; minConfidence?: number; batchSize?: number; stdout?: Writer; stderr?: Writer},
): Promise<number> {
	const expanded = expandInputs(inputs);
	// TensorFlow and the model load in the child while the first images are decoded here.
	const loading = service.load(model);
	loading.catch(() => {});
	if (number) return predictNumbers(service, expanded, {model, loading, json, minConfidence, stdout, stderr});
	const output = json ? jsonArrayWriter<Outcome>(stdout) : {write: (outcome: Outcome) => printOutcome(outcome, stdout, stderr), end() {}};
	let failed = false;
	let next = prepareBatch(expanded.slice(0, batchSize));
	for (let start = 0; start < expanded.length; start += batchSize) {
		const prepared = await next;
		const predicting = predictBatch(service, prepared, model, loading, minConfidence);
		// Decoding the next batch overlaps the model's work on this one.
		if (start + batchSize < expanded.length) next = prepareBatch(expanded.slice(start + batchSize, start + 2 * batchSize));
		for (const outcome of await predicting) {
			failed ||= 'error' in outcome;
			output.write(outcome);
		}
	}

	output.end();
	return failed ? 1 : 0;
}

type PreparedFile = Prepared & {file: string};

async function prepareBatch(items: ImageInput[]): Promise<PreparedFile[]> {
	const prepared: PreparedFile[] = [];
	for (const {file, error} of items) {
		const image = error ? {error} : file === '-' ? await prepareImage(await readStdin(), 'standard input') : await prepareImageFile(file);
		prepared.push({file, ...image});
	}
	return prepared;
}

/** One model call for every good image of the batch; the outcomes in the batch's order. */
async function predictBatch(service: ModelService, prepared: PreparedFile[], model: string | undefined, loading: Promise<unknown>, minConfidence?: number): Promise<Outcome[]> {
	const outcomes: Outcome[] = prepared.map(item => ({file: item.file, error: item.error ?? ''}));
	const good = prepared.flatMap((item, index) => (item.pixels ? [{index, pixels: item.pixels}] : []));
	if (good.length === 0) return outcomes;
	await loading;
	const batch = new Float32Array(good.length * imagePixels);
	good.forEach((item, i) => batch.set(item.pixels, i * imagePixels));
	const answers = predictions(await service.predict(batch, model));
	good.forEach(({index}, i) => {
		const outcome: Outcome = {file: prepared[index]!.file, ...answers[i]!};
		if (minConfidence !== undefined && outcome.confidence < minConfidence) outcome.lowConfidence = true;
		outcomes[index] = outcome;
	});
	return outcomes;
}

/**
 * `--number`: each image is one number, its digits read in one model call; images go one at a
 * time (each call is a few digits), and each answer is printed as soon as it is known.
 */
async function predictNumbers(
	service: ModelService,
	expanded: ImageInput[],
	{model, loading, json, minConfidence, stdout, stderr}: {model?: string; loading: Promise<unknown>; json: boolean; minConfidence?: number; stdout: Writer; stderr: Writer},
): Promise<number> {
	const classify: Classify = async images => {
		await loading;
		return predictions(await service.predict(images, model));
	};
	const output = json ? jsonArrayWriter<NumberOutcome>(stdout) : {write: (outcome: NumberOutcome) => printNumber(outcome, stdout, stderr), end() {}};
	let failed = false;
	for (const {file, error} of expanded) {
		const read: ReadNumber = error ? {error} : file === '-' ? await readNumberImage(await readStdin(), 'standard input', classify) : await readNumberFile(file, classify);
		const outcome: NumberOutcome = read.reading ? {file, ...read.reading} : {file, error: read.error};
		if (minConfidence !== undefined && 'confidence' in outcome && outcome.confidence < minConfidence) outcome.lowConfidence = true;
		failed ||= 'error' in outcome;
		output.write(outcome);
	}

	output.end();
	return failed ? 1 : 0;
}

/** Writes a JSON array one entry at a time, byte for byte what `JSON.stringify(all, null, 2)` gives. */
function jsonArrayWriter<Entry>(stdout: Writer): {write: (outcome: Entry) => void; end: () => void} {
	let count = 0;
	return {
		write(outcome) {
			stdout.write(`${count++ === 0 ? '[\n' : ',\n'}  ${JSON.stringify(outcome, null, 2).replaceAll('\n', '\n  ')}`);
		},
		end() {
			stdout.write(count === 0 ? '[]\n' : '\n]\n');
		},
	};
}

function printOutcome(outcome: Outcome, stdout: Writer, stderr: Writer): void {
	if ('error' in outcome) {
		printError(outcome, stderr);
		return;
	}

	const low = outcome.lowConfidence ? '  (low confidence)' : '';
	stdout.write(`${outcome.file}\t${outcome.digit}\t${percent(outcome.confidence, 1)}${low}\n`);
}

function printNumber(outcome: NumberOutcome, stdout: Writer, stderr: Writer): void {
	if ('error' in outcome) {
		printError(outcome, stderr);
		return;
	}

	const low = outcome.lowConfidence ? '  (low confidence)' : '';
	stdout.write(`${outcome.file}\t${outcome.number}\t${percent(outcome.confidence, 1)}${low}\n`);
}

function printError({file, error}: {file: string; error: string}, stderr: Writer): void {
	// Most errors already name the file; "no digit found" does not.
	stderr.write(`${error.startsWith(file) ? error : `${file}: ${error}`}\n`);
}

async function readStdin(): Promise<Uint8Array> {
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}
