/* @jsxRuntime automatic */
// Writing what the user asked for where it cannot go: one sentence and exit code 1 at once
// (node's recursive mkdir spins forever under /proc), and no folder left behind.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsPromises from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, mock, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {metricsFrom} from '../source/model/metrics.js';
import type {Evaluation, ModelMeta} from '../source/model/types.js';
import {makeFolder, writeFailure} from '../source/output-files.js';
import {writeReport} from '../source/report/write-report.js';
import {runCli, temporaryHome} from './helpers.js';
import {openSketch, predictingService} from './sketch-harness.js';

// No models here: a command that evaluated before trying its output would fail on the model instead.
temporaryHome();
const procfs = {skip: fs.existsSync('/proc/self') ? false : 'no /proc here', timeout: 30_000};
const stackTrace = /^\s+at /m;

afterEach(() => cleanup());

describe('makeFolder', () => {
	test('makes the missing folders and names the topmost it made', async () => {
		const base = fs.mkdtempSync(path.join(os.tmpdir(), 'digits-folder-'));
		try {
			assert.equal(await makeFolder(path.join(base, 'a', 'b')), path.join(base, 'a'));
			assert.ok(fs.statSync(path.join(base, 'a', 'b')).isDirectory());
			assert.equal(await makeFolder(path.join(base, 'a', 'b')), undefined);
		} finally {
			fs.rmSync(base, {recursive: true, force: true});
		}
	});

	test('a folder that refuses children fails at once, where node’s own mkdir spins', procfs, async () => {
		await assert.rejects(makeFolder('/proc/nope/report'), {code: 'ENOENT'});
	});

	test('a file in the way is ENOTDIR, whether in the path or at its end', async () => {
		const base = fs.mkdtempSync(path.join(os.tmpdir(), 'digits-folder-'));
		try {
			fs.writeFileSync(path.join(base, 'file'), '');
			await assert.rejects(makeFolder(path.join(base, 'file', 'report')), {code: 'ENOTDIR'});
			await assert.rejects(makeFolder(path.join(base, 'file')), {code: 'ENOTDIR'});
		} finally {
			fs.rmSync(base, {recursive: true, force: true});
		}
	});

	test('write failures in words, with the system’s code; anything else is not one', () => {
		assert.equal(writeFailure(Object.assign(new Error('x'), {code: 'EACCES'})), 'permission denied (EACCES)');
		assert.equal(writeFailure(Object.assign(new Error('x'), {code: 'ENOENT'})), 'the folder does not exist or takes no new files (ENOENT)');
		assert.equal(writeFailure(Object.assign(new Error('x'), {code: 'ERR_INVALID_URL'})), undefined);
		assert.equal(writeFailure(new Error('x')), undefined);
	});
});

test('digits report --out /proc/nope: one sentence, exit code 1, before any evaluation', procfs, async () => {
	const result = await runCli(['report', '--out', '/proc/nope']);
	assert.equal(result.code, 1);
	assert.equal(result.stderr, 'Could not write the report to /proc/nope: the folder does not exist or takes no new files (ENOENT); choose a writable folder with --out.\n');
	assert.doesNotMatch(result.stderr, stackTrace);
});

test('digits report --out under a file: one sentence, exit code 1, and nothing made', async () => {
	const base = fs.mkdtempSync(path.join(os.tmpdir(), 'digits-report-'));
	try {
		fs.writeFileSync(path.join(base, 'file'), '');
		const out = path.join(base, 'file', 'report');
		const result = await runCli(['report', '--out', out]);
		assert.equal(result.code, 1);
		assert.equal(result.stderr, `Could not write the report to ${out}: a part of the path is a file, not a folder (ENOTDIR); choose a writable folder with --out.\n`);
		assert.deepEqual(fs.readdirSync(base), ['file']);
	} finally {
		fs.rmSync(base, {recursive: true, force: true});
	}
});

test('digits eval --predictions /proc/nope/x.csv: one sentence, exit code 1, before any evaluation', procfs, async () => {
	const result = await runCli(['eval', '--predictions', '/proc/nope/x.csv']);
	assert.equal(result.code, 1);
	assert.equal(result.stderr, 'Could not write /proc/nope/x.csv: the folder does not exist or takes no new files (ENOENT); choose a writable path for --predictions.\n');
	assert.doesNotMatch(result.stderr, stackTrace);
});

test('digits eval --predictions: a file it made for a failed evaluation goes again', async () => {
	const base = fs.mkdtempSync(path.join(os.tmpdir(), 'digits-eval-'));
	try {
		const result = await runCli(['eval', '--model', 'missing', '--predictions', path.join(base, 'x.csv')]);
		assert.equal(result.code, 1, result.stderr);
		assert.deepEqual(fs.readdirSync(base), []);
	} finally {
		fs.rmSync(base, {recursive: true, force: true});
	}
});

test('the sketch pad’s s into a folder that takes no files says so in one line', procfs, async () => {
	const {frame, press} = openSketch(predictingService(), {directory: '/proc/nope', columns: 100});
	await frame(text => text.includes('draw a digit'));
	await press('p', '8', 'l', 'p', 's');
	const failed = await frame(text => text.includes('could not save'));
	assert.match(failed, /could not save in \/proc\/nope: the folder does not exist or takes no new files \(ENOENT\)/);
});

describe('writeReport', () => {
	const labels = Uint8Array.from({length: 100}, (_, i) => i % 10);
	const predicted = labels.map((label, i) => (i % 7 === 0 ? (label + 1) % 10 : label));
	const evaluation: Evaluation = {backend: 'cpu', model: 'm', path: '/models/m', ...metricsFrom(labels, predicted), labels, predicted, confidences: new Float32Array(100).fill(0.9)};
	const meta: ModelMeta = {
		name: 'm',
		preset: 'classic',
		options: {preset: 'classic', epochs: 1, batchSize: 128, learningRate: 0.001, validationSplit: 0, seed: 1},
		seed: 1,
		trainer: 'graph',
		backend: 'cpu',
		versions: {},
		createdAt: '2026-11-20T10:30:00.000Z',
		history: [{epoch: 1, loss: 0.3, accuracy: 0.9, valLoss: null, valAccuracy: null, seconds: 1}],
		test: {accuracy: 0.86},
	};

	test('a write that fails half-way leaves no folder behind', async () => {
		const base = fs.mkdtempSync(path.join(os.tmpdir(), 'digits-report-'));
		let writes = 0;
		const writeFile = mock.method(fsPromises, 'writeFile', async (...args: Parameters<typeof fsPromises.writeFile>) => {
			if (++writes === 2) throw Object.assign(new Error('no space left on device'), {code: 'ENOSPC'});
			fs.writeFileSync(args[0] as string, args[1] as Uint8Array);
		});
		try {
			await assert.rejects(writeReport(path.join(base, 'reports', 'm'), {evaluation, meta, testImages: new Uint8Array(100 * 784)}), {code: 'ENOSPC'});
			assert.equal(writes, 2, 'the first picture was written before the second failed');
			assert.deepEqual(fs.readdirSync(base), []);
		} finally {
			writeFile.mock.restore();
			fs.rmSync(base, {recursive: true, force: true});
		}
	});
});
