// Writes a report folder: history.png, confusion-matrix.png, examples.png and report.md,
// from an evaluation already made (the Evaluate screen passes its cached one; `digits
// report` evaluates once). The pictures are laid out in render/ and drawn by draw.ts.
import fs from 'node:fs/promises';
import path from 'node:path';
import type {Evaluation, ModelMeta} from '../model/types.js';
import {digitPixels} from '../render/digit.js';
import {count, percent} from '../render/format.js';
import {misclassified, predictedImage, randomIndices, type PredictedImage} from '../render/gallery.js';
import {correctCount, reportFiles, reportMarkdown, trainingSummary} from './markdown.js';
import {confusionPicture, examplesPicture, historyPicture, type ExampleTile} from './pictures.js';
import {writePicture} from './draw.js';
import {imagePixels} from '../digit-size.js';
import {makeFolder, removeFolder} from '../output-files.js';

export type ReportInput = {
	evaluation: Evaluation;
	meta: ModelMeta;
	/** The test images in the evaluation's order: count × imagePixels bytes, ink bright (loadMnist('test').images). */
	testImages: Uint8Array;
	/** When the report is made (for report.md); now by default. */
	createdAt?: Date;
};

/** How many digits examples.png shows: a seeded random draw, then the most confident mistakes. */
export const exampleCounts = {random: 30, mistakes: 20, seed: 1};

/** Writes the four files into `dir` (made if missing, and taken away again if writing fails) and returns their paths. */
export async function writeReport(dir: string, {evaluation, meta, testImages, createdAt = new Date()}: ReportInput): Promise<string[]> {
	const total = evaluation.labels.length;
	if (testImages.length !== total * imagePixels) {
		throw new RangeError(`Got ${testImages.length / imagePixels} test images for an evaluation of ${total}; they must be the same images.`);
	}
	const made = await makeFolder(dir);
	try {
		return await writeFiles(dir, {evaluation, meta, testImages, createdAt});
	} catch (error) {
		// A folder made for this report goes again: no empty or half-filled folder is left behind.
		await removeFolder(made);
		throw error;
	}
}

async function writeFiles(dir: string, {evaluation, meta, testImages, createdAt}: Required<ReportInput>): Promise<string[]> {
	const total = evaluation.labels.length;
	const file = (name: string) => path.join(dir, name);
	const tile = (image: PredictedImage): ExampleTile => ({...image, pixels: digitPixels(testImages, image.index)});
	const random = randomIndices(total, exampleCounts.random, exampleCounts.seed).map(index => tile(predictedImage(evaluation, index)));
	const mistakes = misclassified(evaluation).slice(0, exampleCounts.mistakes).map(tile);
	const correct = correctCount(evaluation);

	await writePicture(file(reportFiles.history), historyPicture(meta.history, {title: `Training history: ${evaluation.model}`, subtitle: trainingSummary(meta)}));
	await writePicture(
		file(reportFiles.confusionMatrix),
		confusionPicture(evaluation.confusionMatrix, {
			title: `Confusion matrix: ${evaluation.model}`,
			subtitle: `accuracy ${percent(evaluation.accuracy)} (${count(correct)} of ${count(total)} test images); rows: true label, columns: predicted`,
		}),
	);
	await writePicture(
		file(reportFiles.examples),
		examplesPicture(
			[
				{title: `Random test digits (${random.length} of ${count(total)})`, tiles: random},
				{title: `The most confident mistakes (${mistakes.length} of ${count(total - correct)})`, tiles: mistakes},
			],
			{title: `Example predictions: ${evaluation.model}`, subtitle: 'under each digit: its true label, the prediction when wrong, and the confidence; mistakes are framed in red'},
		),
	);
	await fs.writeFile(file(reportFiles.markdown), reportMarkdown({evaluation, meta, createdAt}));
	return [reportFiles.history, reportFiles.confusionMatrix, reportFiles.examples, reportFiles.markdown].map(file);
}
