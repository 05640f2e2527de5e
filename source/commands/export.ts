// `digits export`: a model as a TensorFlow SavedModel for TensorFlow Serving, written by the
// model service (the only place TensorFlow loads) as the next version folder of OUT.
import path from 'node:path';
import {UsageError} from '../cli-flags.js';
import {UserError} from '../errors.js';
import type {ModelService} from '../model/service.js';
import {makeFolder, removeFolder, writeFailure} from '../output-files.js';

type Writer = {write: (text: string) => unknown};

/** The formats `--format` takes; a SavedModel is the only one. */
export const exportFormats = ['savedmodel'] as const;

/** What the one signature takes and gives, as the summary line shows it. */
export const signatureSummary = 'serving_default: image [N,28,28,1] -> probabilities [N,10]';

export async function exportCommand(
	service: ModelService,
	{model, format, out}: {model?: string; format?: string; out?: string},
	{stdout = process.stdout, stderr = process.stderr}: {stdout?: Writer; stderr?: Writer} = {},
): Promise<number> {
	if (format !== undefined && !(exportFormats as readonly string[]).includes(format)) {
		throw new UsageError(`--format must be ${exportFormats.join(' or ')} (got "${format}").`);
	}
	if (out === undefined || out === '') throw new UsageError('digits export needs --out DIR, the folder to write the model into; see `digits export --help`.');
	// Made before the model loads, so that an unwritable place is said at once; taken away again if the export fails.
	const made = await makeFolder(out).catch((error: unknown) => {
		const reason = writeFailure(error);
		throw reason === undefined ? error : new UserError(`Could not write the SavedModel into ${out}: ${reason}; choose a writable folder with --out.`);
	});
	let exported;
	try {
		exported = await service.export(out, model);
	} catch (error) {
		await removeFolder(made);
		throw error;
	}
	if (exported.difference === null) {
		stderr.write('digits export: not checked against the model (that needs the native TensorFlow backend).\n');
	}
	stdout.write(`digits export: wrote ${path.join(out, String(exported.version))} (${signatureSummary})\n`);
	return 0;
}
