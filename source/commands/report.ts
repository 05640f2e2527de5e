// `digits report`: evaluates a model once and writes history.png, confusion-matrix.png,
// examples.png and report.md into a folder (reports/<model>/ by default).
import path from 'node:path';
import {loadMnist} from '../data/mnist.js';
import {UserError} from '../errors.js';
import type {ModelService} from '../model/service.js';
import {readMeta, recordTestAccuracy} from '../model/store.js';
import {makeFolder, removeFolder, writeFailure} from '../output-files.js';
import {count, percent} from '../render/format.js';

export async function reportCommand(service: ModelService, {model, out}: {model?: string; out?: string}): Promise<number> {
	// The folder is made before the evaluation, so that an unwritable one is said at once, not after it.
	const made = await makeFolder(out ?? 'reports').catch((error: unknown) => {
		throw cannotWrite(out ?? 'reports', error);
	});
	try {
		return await evaluateAndWrite(service, {model, out});
	} catch (error) {
		await removeFolder(made);
		throw error;
	}
}

async function evaluateAndWrite(service: ModelService, {model, out}: {model?: string; out?: string}): Promise<number> {
	const progress = process.stderr.isTTY;
	const evaluation = await service.evaluate(model, {
		onProgress: progress ? (done, total) => process.stderr.write(`\r\u001B[2Kevaluating ${count(done)}/${count(total)} test images`) : undefined,
	});
	if (progress) process.stderr.write('\r\u001B[2Kdrawing the report');
	recordTestAccuracy(evaluation.path, evaluation.accuracy);
	const meta = readMeta(evaluation.path);
	const test = await loadMnist('test');
	const dir = out ?? path.join('reports', evaluation.model);
	// Loaded on demand: jimp is the slowest import, and only this command and predict need it.
	const {writeReport} = await import('../report/write-report.js');
	let files: string[];
	try {
		files = await writeReport(dir, {evaluation, meta, testImages: test.images});
	} catch (error) {
		throw cannotWrite(dir, error);
	} finally {
		if (progress) process.stderr.write('\r\u001B[2K');
	}
	process.stdout.write(
		[
			`model ${evaluation.model}: accuracy ${percent(evaluation.accuracy)} on ${count(evaluation.labels.length)} test images`,
			`report written to ${dir}${path.sep}`,
			...files.map(file => `  ${path.basename(file)}`),
			'',
		].join('\n'),
	);
	return 0;
}

/** A file system error as the one sentence the user sees; anything else is a bug and stays as it is. */
function cannotWrite(dir: string, error: unknown): Error {
	const reason = writeFailure(error);
	return reason === undefined ? (error as Error) : new UserError(`Could not write the report to ${dir}: ${reason}; choose a writable folder with --out.`);
}
