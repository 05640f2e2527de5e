// Loads TensorFlow.js: the native backend when it can, the pure-JS one otherwise.
// Only the model-service child processes import this file (see worker.ts).
import type {BackendName} from './types.js';

export type TF = typeof import('@tensorflow/tfjs');

export type LoadedBackend = {tf: TF; backend: BackendName; reason?: string};

/** `DIGITS_BACKEND=cpu` forces the pure-JS fallback, so it can be tried and tested. */
export async function loadBackend(): Promise<LoadedBackend> {
	let reason: string | undefined;
	if (process.env['DIGITS_BACKEND'] === 'cpu') {
		reason = 'DIGITS_BACKEND=cpu is set';
	} else {
		try {
			const tf = (await import('@tensorflow/tfjs-node')) as unknown as TF;
			return {tf, backend: 'tensorflow'};
		} catch (error) {
			reason = `the native TensorFlow library did not load (${firstLine(error)}); run \`npm rebuild\` to retry its install`;
		}
	}
	const tf = (await import('@tensorflow/tfjs')) as unknown as TF;
	await tf.setBackend('cpu');
	return {tf, backend: 'cpu', reason};
}

function firstLine(error: unknown): string {
	return String(error instanceof Error ? error.message : error).split('\n')[0]!.slice(0, 200);
}
