// `digits train`: headless training, one line per epoch (or NDJSON events with --json).
import {teachDefaults} from '../model/presets.js';
import {signalExitCodes, type ExitSignal} from '../errors.js';
import {readSamples, samplesDir} from '../image/samples.js';
import {ModelService, ServiceError} from '../model/service.js';
import type {TrainEvent, TrainOptions} from '../model/types.js';
import {backendLabel, count, counted, duration, percent} from '../render/format.js';

/** `samples` is the samples folder of a teaching run (`options.from` set): the user's own folder when absent. */
export async function trainCommand(service: ModelService, options: TrainOptions, {json, samples}: {json: boolean; samples?: string}): Promise<number> {
	if (options.from !== undefined) options = {...options, samples: await readSamples(samples ?? samplesDir())};
	const controller = new AbortController();
	let interrupted: ExitSignal | undefined;
	const stop = (signal: ExitSignal) => {
		// A second Ctrl-C does not wait for the batch to end.
		if (interrupted) process.exit(signalExitCodes[signal]);
		interrupted = signal;
		controller.abort();
		if (!json) process.stderr.write('\nstopping after this batch; the last finished epoch is kept…\n');
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	const progress = !json && process.stderr.isTTY;
	let code = 0;
	try {
		for await (const event of service.train(options, {signal: controller.signal})) {
			if (json) {
				process.stdout.write(JSON.stringify(event) + '\n');
			} else {
				if (progress) process.stderr.write('\r\u001B[2K');
				const line = describeEvent(event);
				if (line) (event.type === 'error' ? process.stderr : process.stdout).write(line + '\n');
				if (progress && event.type === 'batch') process.stderr.write(progressLine(event));
			}
			if (event.type === 'error') code = 1;
			if (event.type === 'cancelled') code = signalExitCodes[interrupted ?? 'SIGINT'];
		}
	} catch (error) {
		if (json && error instanceof ServiceError && error.exitCode === 1) {
			process.stdout.write(JSON.stringify({type: 'error', message: error.message}) + '\n');
			return 1;
		}
		throw error;
	} finally {
		process.off('SIGINT', stop);
		process.off('SIGTERM', stop);
	}
	return code;
}

export function describeEvent(event: TrainEvent): string | undefined {
	switch (event.type) {
		case 'start': {
			const {epochs, batchSize, learningRate, schedule, augment, validationSplit, seed, limit} = event.options;
			const images = limit === undefined ? 'all training images' : `the first ${count(limit)} training images`;
			const rate = `learning rate ${learningRate}${schedule === 'cosine' ? ' (cosine schedule)' : ''}`;
			const settings = `${counted(epochs, 'epoch')}, batch ${batchSize}, ${rate}, ${augment ? 'augmented' : 'no augmentation'}`;
			if (event.from !== undefined && event.samples) {
				return `teaching ${event.from} your ${counted(event.samples.count, 'sample')} from ${event.samples.folder} as ${event.model} on ${backendLabel(event.backend)}: ${settings}, ${Math.round((1 - teachDefaults.sampleShare) * 100)}% of each batch MNIST (${images}), seed ${seed}`;
			}
			return `training ${event.model} (${event.preset}) on ${backendLabel(event.backend)}: ${settings}, validation ${percent(validationSplit, 0)}, seed ${seed}, ${images}`;
		}
		case 'epoch': {
			const validation =
				event.valLoss === null || event.valAccuracy === null ? '' : `  val loss ${event.valLoss.toFixed(4)}  val accuracy ${percent(event.valAccuracy)}`;
			return `epoch ${event.epoch}/${event.epochs}  loss ${event.loss.toFixed(4)}  accuracy ${percent(event.accuracy)}${validation}  ${count(event.imagesPerSecond)} images/s  ${duration(event.seconds)}`;
		}
		case 'done': {
			const taught = event.samples ? `; on the ${counted(event.samples.heldOut, 'sample')} held out: ${percent(event.samples.before)} before, ${percent(event.samples.after)} after` : '';
			return `done in ${duration(event.seconds)}: test accuracy ${percent(event.testAccuracy)}${taught}; saved to ${event.path}`;
		}
		case 'cancelled':
			return event.path === null
				? 'stopped before the first epoch finished; nothing was saved.'
				: `stopped; epoch ${event.epoch} is saved in ${event.path}`;
		case 'error':
			return event.message;
		case 'batch':
			return undefined;
	}
}

function progressLine(event: Extract<TrainEvent, {type: 'batch'}>): string {
	const width = 30;
	const filled = Math.round((event.batch / event.batches) * width);
	return `epoch ${event.epoch}/${event.epochs} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] batch ${event.batch}/${event.batches}  loss ${event.loss.toFixed(4)}`;
}
