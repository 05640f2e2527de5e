/* @jsxRuntime automatic */
// (tsx compiles test files with the classic JSX runtime unless told: they are outside tsconfig's include.)
// "teach my samples to" on the Train screen: the form (pure, then through the app with a fake
// service that records the options) and a teaching run's events on screen.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, afterEach, before, describe, test} from 'node:test';
import {cleanup, render} from 'ink-testing-library';
import {App} from '../source/app/app.js';
import {loadMnist} from '../source/data/mnist.js';
import {saveSample} from '../source/image/samples.js';
import type {ModelListing} from '../source/model/store.js';
import type {TrainEvent} from '../source/model/types.js';
import {fields, formOptions, formReducer, initialForm, startNeedsConfirmation, type FormState} from '../source/screens/train/train-form.js';
import {heldOutLine} from '../source/screens/train/TrainingView.js';
import {samplesNote} from '../source/screens/train/use-teach.js';
import {createTheme} from '../source/theme.js';
import {fakeDescription, fakeModelService} from './fake-model-service.js';
import {delay, waitForFrame} from './tui-helpers.js';

const store = {modelExists: () => false, checkModelName: () => {}};
const teachable = [{name: 'best', preset: 'best' as const}];
const fromRow = fields.findIndex(field => field.name === 'from');

describe('the form, without Ink', () => {
	const cycled = (form: FormState, by = 1) => formReducer({...form, selected: fromRow}, {type: 'cycle', by});

	test('choosing a model to teach takes its network and the settings of `digits train --from`; off puts back the preset defaults', () => {
		const off = initialForm({}, teachable);
		assert.equal(off.values.from, '');
		const teaching = cycled(off);
		assert.deepEqual(teaching.values, {...off.values, from: 'best', preset: 'best', epochs: '6', batchSize: '64', learningRate: '0.0003', validationSplit: '0'});
		assert.equal(startNeedsConfirmation(teaching), false, 'a teaching run is a fixed number of batches: no question first');
		assert.deepEqual(formOptions(teaching.values, store), {
			preset: 'best',
			augment: true,
			schedule: 'constant',
			epochs: 6,
			batchSize: 64,
			learningRate: 0.0003,
			validationSplit: 0,
			seed: 42,
			from: 'best',
		});
		// The network and the held-out share are the taught model's: they do not change.
		const presetRow = fields.findIndex(field => field.name === 'preset');
		assert.deepEqual(formReducer({...teaching, selected: presetRow}, {type: 'cycle', by: 1}), {...teaching, selected: presetRow});
		const back = cycled(teaching);
		assert.equal(back.values.from, '');
		assert.equal(back.values.preset, 'best');
		assert.notEqual(back.values.validationSplit, '0');
		assert.equal(formOptions(back.values, store)!.from, undefined);
	});

	test('an edited setting stays when teaching is chosen; with no model on disk the field stays off', () => {
		const edited = {...initialForm({}, teachable), values: {...initialForm({}, teachable).values, epochs: '2'}};
		assert.equal(cycled(edited).values.epochs, '2');
		assert.equal(cycled(initialForm({}, [])).values.from, '');
	});

	test('what the form and the outcome say about the samples', () => {
		assert.deepEqual(samplesNote('~/s', [1, 1, 1, 1, 1, 1, 1, 1, 1, 2], undefined), {text: 'your samples: 0:1 1:1 2:1 3:1 4:1 5:1 6:1 7:1 8:1 9:2, 11 in all (~/s)', tone: 'muted'});
		assert.deepEqual(samplesNote('~/s', undefined, 'no good.'), {text: 'no good.', tone: 'bad'});
		assert.equal(heldOutLine({heldOut: 3, before: 1 / 3, after: 1}), 'your 3 held-out samples: 33% read right before, 100% after');
	});
});

describe('through the app', () => {
	let home: string;
	const listing: ModelListing = {name: 'best', path: '/models/best', meta: {...fakeDescription('best', 'tensorflow').meta, preset: 'best'}, isDefault: false, shipped: true};

	/** The fake service's run with the events of a teaching run: start names the samples, done scores them. */
	function teachingService() {
		const service = fakeModelService({stepMs: 40, batches: 3});
		const plain = service.train.bind(service);
		service.train = async function* (options, signal) {
			for await (const event of plain(options, signal)) {
				const count = options.samples?.labels.length ?? 0;
				if (event.type === 'start') yield {...event, from: options.from, samples: {folder: options.samples!.folder, count}} satisfies TrainEvent;
				else if (event.type === 'done') yield {...event, samples: {count, heldOut: 3, before: 1 / 3, after: 1}} satisfies TrainEvent;
				else yield event;
			}
		};
		return service;
	}

	function open(service = teachingService()) {
		const app = render(<App services={{model: service, store, listModels: () => [listing]}} theme={createTheme(0)} size={{columns: 80, rows: 24}} defaultModel="shipped" onQuit={() => {}} />);
		const frame = (check: (frame: string) => boolean, timeoutMs?: number) => waitForFrame(app.lastFrame, check, timeoutMs);
		const press = async (...sequence: string[]) => {
			for (const key of sequence) {
				app.stdin.write(key);
				await delay(30);
			}
		};
		return {service, frame, press};
	}

	before(() => {
		home = fs.mkdtempSync(path.join(os.tmpdir(), 'digits-train-teach-'));
		process.env['DIGITS_HOME'] = home;
	});
	after(() => {
		delete process.env['DIGITS_HOME'];
		fs.rmSync(home, {recursive: true, force: true});
	});
	afterEach(() => cleanup());

	test('without samples the form says how to collect them and does not start', async () => {
		const {frame, press, service} = open();
		await press('1');
		await frame(text => text.includes('Train a new model'));
		await press(...new Array<string>(fromRow).fill('j'), '\r');
		// Long sentences wrap: read them as one line.
		const shown = (await frame(text => text.includes('Teach best your handwriting') && text.includes('--help'))).replaceAll('\n ', ' ');
		assert.match(shown, /teach samples to +‹ best ›/);
		assert.match(shown, /preset +‹ best › +the network of best/);
		assert.match(shown, /validation split +0 +held-out samples instead/);
		assert.match(shown, /epochs +6 +batch size +64 +learning rate +0\.0003 /);
		assert.match(shown, /You have no samples yet in .*; teaching needs at least 10: draw a digit/);
		assert.match(shown, /sketch pad and press t then the digit/);
		await press('s');
		await delay(200);
		assert.match(await frame(text => text.includes('start teaching')), /collect your samples first \(see below\)/);
		assert.equal(service.trained.length, 0);
	});

	test('with samples of every digit, s teaches the model: live charts, then the held-out samples before and after', async () => {
		const test10 = await loadMnist('test', {limit: 200});
		for (let digit = 0; digit < 10; digit++) {
			const index = test10.labels.indexOf(digit);
			assert.ok(index >= 0);
			await saveSample(path.join(home, 'samples'), digit, {width: 28, height: 28, data: Float32Array.from(test10.images.subarray(index * 784, (index + 1) * 784), value => value / 255)});
		}
		const {frame, press, service} = open();
		await press('1');
		await frame(text => text.includes('Train a new model'));
		await press(...new Array<string>(fromRow).fill('j'), '\r');
		await frame(text => text.includes('your samples: 0:1 1:1 2:1 3:1 4:1 5:1 6:1 7:1 8:1 9:1, 10 in all'));
		await press('s');
		const live = await frame(text => text.includes('epoch 2/6') && text.includes('●'));
		assert.match(live, /Teaching fake-1 · from best · your 10 samples · best/);
		assert.match(live, /accuracy {2}─ batch {2}● train {2}◆ val/);
		const options = service.trained[0]!;
		assert.equal(options.from, 'best');
		assert.equal(options.samples!.labels.length, 10);
		assert.deepEqual([...options.samples!.labels], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		assert.equal(options.samples!.images.length, 10 * 784);
		assert.deepEqual({...options, samples: undefined}, {preset: 'best', augment: true, schedule: 'constant', epochs: 6, batchSize: 64, learningRate: 0.0003, validationSplit: 0, seed: 42, from: 'best', samples: undefined});
		const done = await frame(text => text.includes('Done:'), 10_000);
		assert.match(done, /Done: fake-1 reached 97\.50% test accuracy/);
		assert.match(done, /your 3 held-out samples: 33% read right before, 100% after/);
		assert.match(done, /saved to \/models\/fake-1/);
	});
});
