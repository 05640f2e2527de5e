// A reader that closes the pipe early (`digits models | head -1`) ends the built bin quietly
// with exit 0, as `ls | head` does, and leaves none of the model service's children behind.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {before, test} from 'node:test';
import {loadMnist} from '../source/data/mnist.js';
import {writeGrayPng} from '../source/image/load.js';
import {builtBin, processesWithHome, temporaryHome} from './helpers.js';
import {delay} from './tui-helpers.js';

const home = temporaryHome();
const digit = path.join(home, 'seven.png');

before(async () => {
	const first = await loadMnist('test', {limit: 1});
	await writeGrayPng(digit, {width: 28, height: 28, data: Float32Array.from(first.images, value => 1 - value / 255)});
});

/**
 * Runs the built bin with its stdout's reader already gone: a shell waits for a line on stdin
 * and only then becomes the bin, and that line is sent once the reading end is closed.
 */
function runIntoClosedPipe(args: string[]): Promise<{code: number | null; stderr: string}> {
	const command = ['exec', process.execPath, builtBin, ...args].map(word => `'${word}'`).join(' ');
	const child = spawn('sh', ['-c', `read go; ${command}`], {stdio: ['pipe', 'pipe', 'pipe']});
	let stderr = '';
	child.stderr.on('data', chunk => (stderr += chunk));
	child.stdout.on('close', () => child.stdin.end('go\n'));
	child.stdout.destroy();
	return new Promise(resolve => child.on('close', code => resolve({code, stderr})));
}


test('digits models into a closed pipe exits 0 with nothing on stderr, every time (20 runs)', async () => {
	for (let run = 1; run <= 20; run++) {
		const args = run % 2 === 0 ? ['models', '--json'] : ['models'];
		const result = await runIntoClosedPipe(args);
		assert.deepEqual(result, {code: 0, stderr: ''}, `run ${run}: digits ${args.join(' ')}`);
	}
});

test('digits predict into a closed pipe exits 0 and stops the model service', {skip: !fs.existsSync('/proc/self/environ') && 'needs /proc'}, async () => {
	for (let run = 1; run <= 2; run++) {
		const result = await runIntoClosedPipe(['predict', digit, digit]);
		assert.deepEqual(result, {code: 0, stderr: ''}, `run ${run}`);
		for (let waited = 0; processesWithHome(home).length > 0 && waited < 5000; waited += 100) await delay(100);
		assert.deepEqual(processesWithHome(home), [], 'no model service child is left running');
	}
});
