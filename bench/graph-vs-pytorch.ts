// Training speed of digits (graph trainer, and the eager one for reference) against PyTorch
// on the same images in the same run, interleaved so machine noise hits all alike.
// Standalone: `node --import tsx bench/graph-vs-pytorch.ts [--quick] [--batch-size N] [--repeats N] [--no-eager]`;
// bench/bench.ts calls `compareTraining` and prints `comparisonTable`.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {loadMnist} from '../source/data/mnist.js';
import {ModelServiceProcess, nativeEnvironment, type ModelService} from '../source/model/service.js';
import type {TrainerName} from '../source/model/types.js';

export type ComparisonOptions = {
	/** Training images (the first N of the training set). */
	limit: number;
	/** Epochs per run; the first is warm-up, the rest are averaged. */
	epochs: number;
	batchSize: number;
	/** Runs of each tool, interleaved. */
	repeats: number;
	/** Also time digits' eager trainer (`model.fit`'s path). */
	eager: boolean;
	/** Try `pip install torch` when PyTorch is missing. */
	installPytorch: boolean;
	/** Progress lines (one per finished run). */
	onProgress: (line: string) => void;
};

/** Steady-state images/s, one number per run. */
export type Speeds = number[];
export type TrainingComparison = {
	date: string;
	machine: string;
	options: Omit<ComparisonOptions, 'onProgress'>;
	digits: Partial<Record<TrainerName, Speeds>>;
	pytorch: {speeds: Speeds; version: string; threads: number} | {unavailable: string};
};

const here = import.meta.dirname;
const python = process.env['DIGITS_PYTHON'] ?? 'python3';

export const defaultComparison: Omit<ComparisonOptions, 'onProgress'> = {limit: 12_800, epochs: 3, batchSize: 128, repeats: 3, eager: true, installPytorch: true};

export async function compareTraining(partial: Partial<ComparisonOptions> = {}): Promise<TrainingComparison> {
	const {onProgress = () => {}, ...rest} = partial;
	const options = {...defaultComparison, ...rest};
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'digits-compare-'));
	const trainers: TrainerName[] = options.eager ? ['graph', 'eager'] : ['graph'];
	const services = new Map<TrainerName, ModelService>();
	try {
		const files = await writeTrainingImages(work, options.limit);
		const pytorch = pytorchVersion(options.installPytorch, onProgress);
		for (const trainer of trainers) services.set(trainer, await startService(trainer, work));
		const digits: Partial<Record<TrainerName, Speeds>> = {};
		const torchSpeeds: Speeds = [];
		let threads = 0;
		for (let run = 1; run <= options.repeats; run++) {
			for (const trainer of trainers) {
				const speed = await trainDigits(services.get(trainer)!, trainer, options, run);
				(digits[trainer] ??= []).push(speed);
				onProgress(`run ${run}: digits ${trainer} ${Math.round(speed)} images/s`);
			}
			if ('version' in pytorch) {
				const result = trainPytorch(files, options);
				torchSpeeds.push(result.speed);
				threads = result.threads;
				onProgress(`run ${run}: PyTorch ${Math.round(result.speed)} images/s`);
			}
		}
		return {
			date: new Date().toISOString().slice(0, 10),
			machine: `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores`,
			options,
			digits,
			pytorch: 'version' in pytorch ? {speeds: torchSpeeds, version: pytorch.version, threads} : pytorch,
		};
	} finally {
		for (const service of services.values()) service.close();
		fs.rmSync(work, {recursive: true, force: true});
	}
}

export const median = (values: readonly number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** A markdown table: images/s (median, min) per tool and each one's ratio to PyTorch's median. */
export function comparisonTable(result: TrainingComparison): string {
	const torch = 'speeds' in result.pytorch ? median(result.pytorch.speeds) : undefined;
	const row = (what: string, speeds: Speeds) =>
		`| ${what} | ${Math.round(median(speeds)).toLocaleString('en-US')} | ${Math.round(Math.min(...speeds)).toLocaleString('en-US')} | ${torch ? `${(median(speeds) / torch).toFixed(2)}×` : 'n/a'} |`;
	const {limit, epochs, batchSize, repeats} = result.options;
	const lines = [
		`Training speed, classic network, batch ${batchSize}, ${limit.toLocaleString('en-US')} images, epochs 2–${epochs} of ${epochs}, ${repeats} interleaved runs; ${result.date}, ${result.machine}.`,
		'',
		'| trainer | images/s (median) | images/s (min) | vs PyTorch |',
		'| --- | ---: | ---: | ---: |',
	];
	if (result.digits.graph) lines.push(row('digits, one graph per step (tfjs-node SavedModel session)', result.digits.graph));
	if (result.digits.eager) lines.push(row('digits, eager (`trainOnBatch`, as `model.fit`)', result.digits.eager));
	if ('speeds' in result.pytorch) lines.push(row(`PyTorch ${result.pytorch.version} CPU, ${result.pytorch.threads} threads`, result.pytorch.speeds));
	else lines.push('', `PyTorch is left out: ${result.pytorch.unavailable}.`);
	return lines.join('\n');
}

/** The first `limit` training images as raw IDX files, so PyTorch reads exactly what digits trains on. */
async function writeTrainingImages(dir: string, limit: number): Promise<{images: string; labels: string}> {
	const data = await loadMnist('train', {limit});
	const header = (values: number[]) => {
		const bytes = Buffer.alloc(values.length * 4);
		values.forEach((value, i) => bytes.writeInt32BE(value, i * 4));
		return bytes;
	};
	const files = {images: path.join(dir, 'images-idx3-ubyte'), labels: path.join(dir, 'labels-idx1-ubyte')};
	fs.writeFileSync(files.images, Buffer.concat([header([2051, data.count, 28, 28]), data.images]));
	fs.writeFileSync(files.labels, Buffer.concat([header([2049, data.count]), data.labels]));
	return files;
}

async function startService(trainer: TrainerName, home: string): Promise<ModelService> {
	// The child copies the environment when it starts: set what it needs just for that moment.
	const saved = {home: process.env['DIGITS_HOME'], trainer: process.env['DIGITS_TRAINER']};
	process.env['DIGITS_HOME'] = home;
	process.env['DIGITS_TRAINER'] = trainer;
	const service = new ModelServiceProcess();
	try {
		await service.ready('train');
	} finally {
		restore('DIGITS_HOME', saved.home);
		restore('DIGITS_TRAINER', saved.trainer);
	}
	return service;
}

function restore(name: string, value: string | undefined): void {
	if (value === undefined) delete process.env[name];
	else process.env[name] = value;
}

async function trainDigits(service: ModelService, trainer: TrainerName, options: Omit<ComparisonOptions, 'onProgress'>, run: number): Promise<number> {
	const speeds: number[] = [];
	const {limit, epochs, batchSize} = options;
	const events = service.train({preset: 'classic', epochs, batchSize, learningRate: 0.001, validationSplit: 0, seed: run, limit, model: `compare-${trainer}-${run}`, force: true});
	for await (const event of events) {
		if (event.type === 'start' && event.trainer !== trainer) throw new Error(`digits trained with the ${event.trainer} trainer, not ${trainer}; run with --debug to see why.`);
		if (event.type === 'epoch' && event.epoch > 1) speeds.push(event.imagesPerSecond);
		if (event.type === 'error') throw new Error(event.message);
	}
	return meanSpeed(speeds);
}

/** Images/s over epochs of the same size: total images over total seconds. */
export function meanSpeed(perEpoch: number[]): number {
	return perEpoch.length / perEpoch.reduce((sum, speed) => sum + 1 / speed, 0);
}

function pytorchVersion(install: boolean, onProgress: (line: string) => void): {version: string} | {unavailable: string} {
	const probe = () => spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], {encoding: 'utf8'});
	let result = probe();
	if (result.error) return {unavailable: `${python} was not found`};
	if (result.status !== 0 && install) {
		onProgress('PyTorch is not installed; trying `pip install torch` (this takes a while)…');
		const pip = spawnSync(python, ['-m', 'pip', 'install', '--quiet', 'torch'], {encoding: 'utf8', timeout: 30 * 60_000});
		if (pip.status !== 0) return {unavailable: `\`pip install torch\` failed (${(pip.stderr || String(pip.error ?? '')).trim().split('\n').at(-1)})`};
		result = probe();
	}
	if (result.status !== 0) return {unavailable: 'the torch package is not installed (pip install torch)'};
	return {version: result.stdout.trim().replace(/\+cpu$/, '')};
}

function trainPytorch(files: {images: string; labels: string}, options: Omit<ComparisonOptions, 'onProgress'>): {speed: number; threads: number} {
	const args = [path.join(here, 'pytorch_train.py'), '--images', files.images, '--labels', files.labels];
	args.push('--limit', String(options.limit), '--epochs', String(options.epochs), '--batch-size', String(options.batchSize), '--threads', String(os.cpus().length));
	// The environment of digits' model service, so neither pays first-touch page faults the other does not (its TensorFlow variable means nothing to PyTorch).
	const result = spawnSync(python, args, {encoding: 'utf8', env: {...nativeEnvironment, ...process.env}});
	if (result.status !== 0) throw new Error(`The PyTorch benchmark failed: ${result.stderr.trim().split('\n').at(-1)}`);
	const lines = result.stdout.trim().split('\n').map(line => JSON.parse(line) as {type: string; epoch?: number; imagesPerSecond?: number; threads?: number});
	const speeds = lines.filter(line => line.type === 'epoch' && line.epoch! > 1).map(line => line.imagesPerSecond!);
	return {speed: meanSpeed(speeds), threads: lines.find(line => line.type === 'start')?.threads ?? 0};
}

function flag(name: string): string | undefined {
	const index = process.argv.indexOf(name);
	return index === -1 ? undefined : process.argv[index + 1];
}

if (import.meta.filename === path.resolve(process.argv[1] ?? '')) {
	const quick = process.argv.includes('--quick');
	const result = await compareTraining({
		...(quick ? {limit: 1280, epochs: 2, repeats: 1} : {}),
		...(flag('--batch-size') ? {batchSize: Number(flag('--batch-size'))} : {}),
		...(flag('--repeats') ? {repeats: Number(flag('--repeats'))} : {}),
		...(flag('--limit') ? {limit: Number(flag('--limit'))} : {}),
		eager: !process.argv.includes('--no-eager'),
		installPytorch: !process.argv.includes('--no-install'),
		onProgress: line => console.error(line),
	});
	console.log(comparisonTable(result));
}
