// `npm run bench`: how fast digits trains and predicts on this machine, as a table.
// `npm run bench -- --quick` runs small slices (for CI, so the benchmark does not rot).
import './react-production.js';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {loadMnist} from '../source/data/mnist.js';
import {writeGrayPng} from '../source/image/load.js';
import {ModelServiceProcess, type ModelService} from '../source/model/service.js';
import {shippedModelName} from '../source/model/store.js';
import {measureTuiTraining as trainOnScreen} from './tui-training.js';
import {count} from '../source/render/format.js';
import {compareTraining, comparisonTable, meanSpeed, median} from './graph-vs-pytorch.js';
import {fullServing, measureServing, quickServing} from './serve-bench.js';
import {measureNumbers} from './numbers.js';
import {measureSketchLatency} from './sketch.js';
import {softInputSets} from './soft-inputs.js';
import {measureTeaching, teachTable} from './teach.js';
import {userInputAccuracy, userInputSets, userInputTable, type UserInputSet} from './user-inputs.js';

const quick = process.argv.includes('--quick');
const root = path.resolve(import.meta.dirname, '..');
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'digits-bench-'));
process.env['DIGITS_HOME'] = home;

type Row = {what: string; value: string; note: string};
const rows: Row[] = [];
const tables: string[] = [];
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;
const milliseconds = (value: number) => `${value.toFixed(2)} ms`;

const trainingOptions = {preset: 'classic', batchSize: 128, learningRate: 0.001, validationSplit: 0, seed: 1} as const;

/** digits (graph and eager trainers) against PyTorch on the same images, interleaved runs. */
async function measureTraining(): Promise<void> {
	const comparison = await compareTraining(
		quick
			? {limit: 1280, epochs: 2, repeats: 1, eager: false, installPytorch: false, onProgress: line => console.error(line)}
			: {onProgress: line => console.error(line)},
	);
	tables.push(comparisonTable(comparison));
}

/**
 * The same run headless and on the TUI's training screen (80×24), in turn: 3 epochs, and the
 * speed of epochs 2–3 (as in the training comparison), because in the benchmark the app
 * mounts and draws its first frames during the first epoch, which a person filling in the
 * form has long finished before pressing Enter.
 */
async function measureTuiTraining(service: ModelService): Promise<void> {
	const limit = quick ? 1280 : 12_800;
	const runs = quick ? 1 : 3;
	const options = {...trainingOptions, epochs: 3, limit};
	const ratios: number[] = [];
	const keyLatencies: number[] = [];
	const appCpu: number[] = [];
	const msPerFrame: number[] = [];
	for (let run = 0; run < runs; run++) {
		const headless: number[] = [];
		for await (const event of service.train({...options, model: `headless-${run}`})) {
			if (event.type === 'epoch') headless.push(event.imagesPerSecond);
			if (event.type === 'error') throw new Error(event.message);
		}
		const tui = await trainOnScreen(service, {...options, model: `tui-${run}`});
		ratios.push(meanSpeed(tui.perEpoch.slice(1)) / meanSpeed(headless.slice(1)));
		keyLatencies.push(...tui.keyLatencies);
		appCpu.push(tui.appCpuShare);
		msPerFrame.push(tui.msPerFrame);
	}
	rows.push({what: 'training in the TUI vs headless', value: `${(median(ratios) * 100).toFixed(0)}%`, note: `same run on the 80×24 training screen, epochs 2–3 of 3; median of ${runs} (min ${(Math.min(...ratios) * 100).toFixed(0)}%); the app used ${(median(appCpu) * 100).toFixed(0)}% of a core, ${median(msPerFrame).toFixed(1)} ms per Ink frame; target ≥ 90%`});
	rows.push({
		what: 'key → frame while training, p95',
		value: milliseconds(percentile(keyLatencies, 0.95)),
		note: `\`?\` pressed ${keyLatencies.length} times on the training screen; p50 ${milliseconds(percentile(keyLatencies, 0.5))}, max ${milliseconds(Math.max(...keyLatencies))}; target ≤ 100 ms`,
	});
}

async function measureInference(service: ModelService): Promise<Float32Array> {
	const test = await loadMnist('test', {limit: 1000});
	const images = Float32Array.from(test.images, value => value / 255);
	await service.load('headless-0');
	await service.predict(images);
	const batchTimes: number[] = [];
	for (let i = 0; i < (quick ? 2 : 10); i++) {
		const started = performance.now();
		await service.predict(images);
		batchTimes.push(performance.now() - started);
	}
	rows.push({what: 'inference, batch 1,000', value: `${count(1000 / (median(batchTimes) / 1000))} images/s`, note: `median of ${batchTimes.length}; \`predict\`, in the prediction child (one thread)`});
	const evaluations: number[] = [];
	for (let i = 0; i < (quick ? 1 : 3); i++) {
		const started = performance.now();
		await service.evaluate('headless-0');
		evaluations.push(performance.now() - started);
	}
	rows.push({what: 'evaluate, 10,000 test images', value: `${count(10_000 / (median(evaluations) / 1000))} images/s`, note: `median of ${evaluations.length}, loading the test set included; in the training child (every core)`});
	const single = images.subarray(0, 784);
	const latencies: number[] = [];
	for (let i = 0; i < (quick ? 20 : 2000); i++) {
		const started = performance.now();
		await service.predict(single);
		latencies.push(performance.now() - started);
	}
	rows.push({what: 'single-image predict, p50', value: milliseconds(percentile(latencies, 0.5)), note: `${latencies.length} calls through the model service`});
	rows.push({what: 'single-image predict, p99', value: milliseconds(percentile(latencies, 0.99)), note: 'target ≤ 5 ms'});
	return images;
}

/** `digits predict FILE` from a cold process: Node start, child start, TensorFlow load, model load. */
async function measureStartup(images: Float32Array): Promise<void> {
	const file = path.join(home, 'digit.png');
	await writeGrayPng(file, {width: 28, height: 28, data: images.subarray(0, 784).map(value => 1 - value)});
	const cli = path.join(root, 'dist', 'cli.js');
	if (!fs.existsSync(cli)) {
		rows.push({what: 'start → first prediction', value: 'n/a', note: 'dist/ is missing: run `npm run build`'});
		return;
	}
	const times: number[] = [];
	for (let i = 0; i < (quick ? 1 : 5); i++) {
		const started = performance.now();
		const result = spawnSync(process.execPath, [cli, 'predict', file, '--model', 'headless-0'], {encoding: 'utf8'});
		if (result.status !== 0) throw new Error(`digits predict failed: ${result.stderr}`);
		times.push(performance.now() - started);
	}
	rows.push({what: 'start → first prediction', value: `${(median(times) / 1000).toFixed(2)} s`, note: `\`digits predict FILE\`, median of ${times.length} (min ${(Math.min(...times) / 1000).toFixed(2)} s)`});
}

/** The shipped models on digits drawn the ways users draw them, and on small and soft ones (see bench/user-inputs.ts, bench/soft-inputs.ts). */
async function measureUserInputs(service: ModelService): Promise<void> {
	const models = [...new Set([shippedModelName(), 'classic'].filter((name): name is string => name !== undefined))];
	const table = async (sets: UserInputSet[]) => {
		const results = [];
		for (const model of models) results.push(await userInputAccuracy(service, model, sets));
		return userInputTable(models, results);
	};

	const perKind = quick ? 20 : 200;
	tables.push(`Accuracy of the shipped models on digits like users' (${perKind} per kind, through the app's file and sketch paths):\n\n${await table(await userInputSets({perKind}))}`);
	const softPerKind = quick ? 10 : 500;
	const soft = await softInputSets({perKind: softPerKind});
	tables.push(`Accuracy on small and soft digits (${softPerKind} per kind from MNIST test digits, through the app's file path):\n\n${await table(soft)}`);
}

/** Whole numbers of MNIST test digits read exactly right by kind, digits in several pieces kept whole, and a 6-digit read's time (bench/numbers.ts). */
async function measureNumberReading(service: ModelService): Promise<void> {
	const model = shippedModelName();
	if (model === undefined) return;
	// The quick run skips the pass over all 10,000 test digits for ones drawn in pieces.
	tables.push(await measureNumbers(service, {from: 'test', model, ...(quick ? {perKind: 10, timingReads: 3, pieces: false} : {perKind: 1000})}));
}

/** Teaching the shipped model a simulated writer's 20 samples per digit (bench/teach.ts); one epoch of 10 per digit in quick mode. */
async function measureTeachingRun(service: ModelService): Promise<void> {
	const model = shippedModelName();
	if (model === undefined) return;
	const result = await measureTeaching(service, {model, ...(quick ? {teach: 10, check: 20, epochs: 1} : {})});
	tables.push(`Teaching \`${model}\` a writer's style (\`digits train --from\`, ${result.seconds.toFixed(0)} s):\n\n${teachTable(result, 'test')}`);
}

function peakMemory(service: ModelServiceProcess): void {
	const pids = service.pids();
	const children = [
		{pid: pids.train, what: 'training child', note: 'the child process that trains and evaluates'},
		{pid: pids.predict, what: 'prediction child', note: 'the child process that predicts'},
	];
	for (const {pid, what, note} of children) {
		const status = pid === undefined ? '' : fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const peak = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
		rows.push({what: `peak RSS, ${what}`, value: peak ? `${count(Number(peak) / 1024)} MB` : 'n/a', note});
	}
}

function printTable(): void {
	const widths = [Math.max(...rows.map(row => row.what.length)), Math.max(...rows.map(row => row.value.length))];
	const line = (cells: string[]) => `| ${cells[0]!.padEnd(widths[0]!)} | ${cells[1]!.padStart(widths[1]!)} | ${cells[2]} |`;
	console.log(line(['what', 'value', 'how']));
	console.log(`| ${'-'.repeat(widths[0]!)} | ${'-'.repeat(widths[1]! - 1)}: | --- |`);
	for (const row of rows) console.log(line([row.what, row.value, row.note]));
}

const service = new ModelServiceProcess();
try {
	const {backend} = await service.ready();
	console.log(`digits benchmark${quick ? ' (quick)' : ''}: ${new Date().toISOString().slice(0, 10)}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, backend ${backend}\n`);
	await measureTraining();
	await measureTuiTraining(service);
	const images = await measureInference(service);
	rows.push(...(await measureSketchLatency(service, {trials: quick ? 3 : 20})));
	await measureUserInputs(service);
	await measureNumberReading(service);
	await measureTeachingRun(service);
	peakMemory(service);
	await measureStartup(images);
	// `digits serve` under load, against Flask + PyTorch under gunicorn (full run only).
	tables.push(await measureServing({...(quick ? quickServing : fullServing), onProgress: line => console.error(line)}));
	for (const table of tables) console.log(`${table}\n`);
	printTable();
} finally {
	service.close();
	fs.rmSync(home, {recursive: true, force: true});
}
