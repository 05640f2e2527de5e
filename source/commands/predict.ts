// `digits predict`: digits read from image files, folders or stdin; one model call for all.
import fs from 'node:fs';
import path from 'node:path';
import {readImage, readImageFile} from '../image/load.js';
import {preprocessForModel} from '../image/preprocess.js';
import type {ModelService} from '../model/service.js';
import {topClasses} from '../model/inference.js';
import {percent} from '../render/format.js';

type Outcome = {file: string; digit: number; confidence: number; probabilities: number[]; lowConfidence?: true} | {file: string; error: string};

const imageExtensions = new Set(['.png', '.jpg', '.jpeg', '.bmp', '.gif', '.tif', '.tiff']);

export async function predictCommand(
	service: ModelService,
	inputs: string[],
	{model, json, minConfidence}: {model?: string; json: boolean; minConfidence?: number},
): Promise<number> {
	const expanded = expandInputs(inputs);
	const files = expanded.map(item => item.file);
	const prepared = await Promise.all(expanded.map((item): Promise<Prepared> | Prepared => (item.error ? item : prepare(item.file))));
	const good = prepared.flatMap((item, index) => (item.pixels ? [{index, pixels: item.pixels}] : []));
	const outcomes: Outcome[] = prepared.map(item => ({file: item.file, error: item.error ?? ''}));
	if (good.length > 0) {
		const batch = new Float32Array(good.length * 784);
		good.forEach((item, i) => batch.set(item.pixels, i * 784));
		const probabilities = await service.predict(batch, model);
		const {predicted, confidences} = topClasses(probabilities);
		good.forEach(({index}, i) => {
			const outcome: Outcome = {
				file: files[index]!,
				digit: predicted[i]!,
				confidence: confidences[i]!,
				probabilities: Array.from(probabilities.subarray(i * 10, i * 10 + 10)),
			};
			if (minConfidence !== undefined && outcome.confidence < minConfidence) outcome.lowConfidence = true;
			outcomes[index] = outcome;
		});
	}
	if (json) process.stdout.write(JSON.stringify(outcomes, null, 2) + '\n');
	else for (const outcome of outcomes) printOutcome(outcome);
	return outcomes.some(outcome => 'error' in outcome) ? 1 : 0;
}

function printOutcome(outcome: Outcome): void {
	if ('error' in outcome) {
		// Most errors already name the file; "no digit found" does not.
		const sentence = outcome.error.startsWith(outcome.file) ? outcome.error : `${outcome.file}: ${outcome.error}`;
		process.stderr.write(`${sentence}\n`);
		return;
	}
	const low = outcome.lowConfidence ? '  (low confidence)' : '';
	process.stdout.write(`${outcome.file}\t${outcome.digit}\t${percent(outcome.confidence, 1)}${low}\n`);
}

type Prepared = {file: string; pixels?: Float32Array; error?: string};

async function prepare(file: string): Promise<Prepared> {
	try {
		const image = file === '-' ? await readImage(await readStdin(), 'standard input') : await readImageFile(file);
		const pixels = preprocessForModel(image);
		return pixels ? {file, pixels} : {file, error: 'no digit found'};
	} catch (error) {
		return {file, error: (error as Error).message};
	}
}

/** Folders become their image files (sorted); everything else is passed through as given. */
function expandInputs(inputs: string[]): Array<{file: string; error?: string}> {
	return inputs.flatMap(input => {
		if (input === '-' || !isDirectory(input)) return [{file: input}];
		const images = fs
			.readdirSync(input)
			.filter(name => imageExtensions.has(path.extname(name).toLowerCase()))
			.sort()
			.map(name => ({file: path.join(input, name)}));
		// An empty folder stays in the list, so it is reported instead of silently skipped.
		return images.length > 0 ? images : [{file: input, error: `${input} has no image files (PNG, JPEG, BMP, GIF or TIFF) in it.`}];
	});
}

function isDirectory(file: string): boolean {
	try {
		return fs.statSync(file).isDirectory();
	} catch {
		return false;
	}
}

async function readStdin(): Promise<Uint8Array> {
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}
