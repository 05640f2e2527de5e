// `digits report`: evaluates a model once and writes history.png, confusion-matrix.png,
// examples.png and report.md into a folder (reports/<model>/ by default).
import path from 'node:path';
import {loadMnist} from '../data/mnist.js';
import {UserError} from '../errors.js';
import type {ModelService} from '../model/service.js';
import {readMeta} from '../model/store.js';
import {count, percent} from '../render/format.js';
import {recordTestAccuracy} from '../model/store.js';

export async function reportCommand(service: ModelService, {model, out}: {model?: string; out?: string}): Promise<number> {
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
		const code = (error as NodeJS.ErrnoException).code;
		if (code === undefined) throw error;
		throw new UserError(`Could not write the report to ${dir} (${code}); choose a writable folder with --out.`);
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
