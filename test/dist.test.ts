// What the build leaves in dist/, run as a user runs it: the bin, and the bundled app it opens.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {before, test} from 'node:test';
import {loadMnist} from '../source/data/mnist.js';
import {writeGrayPng} from '../source/image/load.js';
import {builtBin, root, runCli, temporaryHome} from './helpers.js';

const home = temporaryHome();
const digit = path.join(home, 'seven.png');

before(async () => {
	const first = await loadMnist('test', {limit: 1});
	assert.equal(first.labels[0], 7);
	await writeGrayPng(digit, {width: 28, height: 28, data: Float32Array.from(first.images, value => 1 - value / 255)});
});

test('the built bin prints its help and reads a digit with the shipped model', async () => {
	const help = await runCli(['--help'], {built: true});
	assert.equal(help.code, 0, help.stderr);
	assert.match(help.stdout, /^\n {2}A handwritten-digit recognizer that lives in the terminal\./);
	const predict = await runCli(['predict', digit, '--json'], {built: true});
	assert.equal(predict.code, 0, predict.stderr);
	assert.equal((JSON.parse(predict.stdout) as Array<{digit: number}>)[0]?.digit, 7);
});

test('the bundled app is newer than the modules it was made from and loads on its own', async () => {
	const bundle = path.join(root, 'dist', 'app', 'run.bundle.js');
	assert.ok(fs.statSync(bundle).mtimeMs >= fs.statSync(path.join(root, 'dist', 'app', 'run.js')).mtimeMs, 'the bin would skip a stale bundle');
	// In a process of its own, from another folder: every import it keeps outside must resolve from where it lies.
	const loaded = await new Promise<{code: number | null; stderr: string}>(resolve => {
		const child = spawn(process.execPath, ['--input-type=module', '-e', `const app = await import(${JSON.stringify(bundle)}); if (typeof app.runApp !== 'function') process.exit(3);`], {cwd: home});
		let stderr = '';
		child.stderr.on('data', chunk => (stderr += chunk));
		child.on('close', code => resolve({code, stderr}));
	});
	assert.equal(loaded.code, 0, loaded.stderr);
});

test('the built bin opens the app in a terminal and q quits it with exit 0', async () => {
	// `script` gives the bin a pseudo-terminal; CI=true would make Ink draw nothing.
	const env: NodeJS.ProcessEnv = {...process.env, TERM: 'xterm-256color'};
	delete env['CI'];
	const child = spawn('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(builtBin)}`, '/dev/null'], {env, cwd: home});
	let screen = '';
	const shown = new Promise<void>(resolve => {
		child.stdout.on('data', chunk => {
			screen += chunk;
			if (screen.includes('handwritten digits, recognized in the terminal')) resolve();
		});
	});
	const closed = new Promise<number | null>(resolve => child.on('close', resolve));
	await shown;
	child.stdin.write('q');
	assert.equal(await closed, 0);
	assert.match(screen, /1 {2}Train/);
});
