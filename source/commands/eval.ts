// `digits eval`: accuracy, confusion matrix and classification report on the test set.
import fs from 'node:fs';
import {UserError} from '../errors.js';
import type {ModelService} from '../model/service.js';
import {writeFailure} from '../output-files.js';
import {backendLabel, count, percent} from '../render/format.js';
import {classificationReportText, confusionMatrixText} from '../render/classification-report.js';
import {recordTestAccuracy} from '../model/store.js';

export async function evalCommand(
	service: ModelService,
	{model, json, predictions}: {model?: string; json: boolean; predictions?: string},
): Promise<number> {
	const progress = process.stderr.isTTY && !json;
	// Tried before the evaluation, so that an unwritable path is said at once, not after it.
	const madePredictions = predictions !== undefined && tryPredictionsFile(predictions);
	const result = await service
		.evaluate(model, {
			onProgress: progress ? (done, total) => process.stderr.write(`\r\u001B[2Kevaluating ${count(done)}/${count(total)} test images`) : undefined,
		})
		.catch((error: unknown) => {
			if (madePredictions) fs.rmSync(predictions, {force: true});
			throw error;
		});
	if (progress) process.stderr.write('\r\u001B[2K');
	recordTestAccuracy(result.path, result.accuracy);
	if (predictions !== undefined) writePredictions(predictions, result.labels, result.predicted);
	if (json) {
		const {backend, model: name, path, accuracy, confusionMatrix, report} = result;
		process.stdout.write(JSON.stringify({backend, model: name, path, accuracy, confusionMatrix, report}) + '\n');
		return 0;
	}
	const correct = result.labels.reduce((sum, label, i) => sum + (label === result.predicted[i] ? 1 : 0), 0);
	process.stdout.write(
		[
			`model ${result.model} (${result.path}) on ${backendLabel(result.backend)}`,
			`accuracy ${percent(result.accuracy)} (${count(correct)} of ${count(result.labels.length)} test images)`,
			'',
			confusionMatrixText(result.confusionMatrix),
			'',
			classificationReportText(result.report, result.accuracy),
			'',
		].join('\n'),
	);
	if (predictions !== undefined) process.stdout.write(`predictions written to ${predictions}\n`);
	return 0;
}

/** Opens the file to append (which changes nothing in it), to learn whether it can be written; true when that made it. */
function tryPredictionsFile(file: string): boolean {
	const existed = fs.existsSync(file);
	try {
		fs.closeSync(fs.openSync(file, 'a'));
	} catch (error) {
		throw cannotWrite(file, error);
	}
	return !existed;
}

function writePredictions(file: string, labels: Uint8Array, predicted: Uint8Array): void {
	const lines = ['index,label,predicted'];
	for (let i = 0; i < labels.length; i++) lines.push(`${i},${labels[i]},${predicted[i]}`);
	try {
		fs.writeFileSync(file, lines.join('\n') + '\n');
	} catch (error) {
		throw cannotWrite(file, error);
	}
}

function cannotWrite(file: string, error: unknown): UserError {
	return new UserError(`Could not write ${file}: ${writeFailure(error) ?? (error as Error).message}; choose a writable path for --predictions.`);
}
