// The built bin in a terminal: t then a digit on the sketch pad saves a sample into
// $DIGITS_HOME/samples, and the Train screen's "teach samples to" says how many more it needs.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {stripVTControlCharacters} from 'node:util';
import {after, test} from 'node:test';
import {builtBin, temporaryHome} from './helpers.js';

const home = temporaryHome();
after(() => fs.rmSync(home, {recursive: true, force: true}));

test('the built app saves a sketch as a sample and the Train screen counts it', async () => {
	// `script` gives the bin a pseudo-terminal; CI=true would make Ink draw nothing.
	const env: NodeJS.ProcessEnv = {...process.env, TERM: 'xterm-256color', COLUMNS: '80', LINES: '24'};
	delete env['CI'];
	const child = spawn('script', ['-qec', `stty cols 80 rows 24; ${JSON.stringify(process.execPath)} ${JSON.stringify(builtBin)}`, '/dev/null'], {env, cwd: home});
	let screen = '';
	const waiters: Array<{text: string | RegExp; resolve: () => void}> = [];
	const seen = (text: string | RegExp) => (typeof text === 'string' ? screen.includes(text) : text.test(screen));
	child.stdout.on('data', chunk => {
		screen += stripVTControlCharacters(String(chunk));
		for (const waiter of waiters.filter(entry => seen(entry.text))) waiter.resolve();
	});
	const shown = (text: string | RegExp) =>
		new Promise<void>((resolve, reject) => {
			if (seen(text)) return resolve();
			const timer = setTimeout(() => reject(new Error(`never saw ${text}; the screen ended:\n${screen.slice(-2000)}`)), 15_000);
			waiters.push({text, resolve: () => (clearTimeout(timer), resolve())});
		});
	const press = async (...keys: string[]) => {
		for (const key of keys) {
			child.stdin.write(key);
			await new Promise(resolve => setTimeout(resolve, 80));
		}
	};
	const closed = new Promise<number | null>(resolve => child.on('close', resolve));
	await shown('handwritten digits, recognized in the terminal');
	await press('3');
	await shown('mouse: drag to paint');
	await press('p', '8', 'j', 'p', 't');
	await shown('Which digit is it?');
	await press('4');
	await shown(/Saved as a 4: 4 has 1 sample now/);
	const saved = fs.readdirSync(path.join(home, 'samples', '4'));
	assert.equal(saved.length, 1);
	assert.match(saved[0]!, /^4-\d{8}-\d{6}-\d{3}\.png$/);
	await press('\u001B');
	await shown('handwritten digits, recognized in the terminal');
	await press('1', ...new Array<string>(8).fill('j'), '\r');
	await shown('You have only 1 sample in');
	await press('\u001B', 'q');
	assert.equal(await closed, 0);
	assert.doesNotMatch(screen, /\n\s+at .+:\d+:\d+/, 'no stack trace');
});
