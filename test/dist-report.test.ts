// The Evaluate screen's `w` in the built app (the bundle), in a pseudo-terminal, as a user
// presses it: the report's fonts must be found from the bundle's place, not from jimp's.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {builtBin} from './helpers.js';

const escapes = /\u001B(?:\[[0-9;?]*[ -/]*[@-~]|\][^\u0007]*\u0007|[()][0-9A-B]|[=>])/g;

test('w on the Evaluate screen of the built app writes the four report files', {timeout: 180_000}, async () => {
	const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'digits-dist-report-'));
	// The shipped model (no DIGITS_HOME), and no user config that could name another default.
	const env: NodeJS.ProcessEnv = {...process.env, TERM: 'xterm-256color', XDG_CONFIG_HOME: path.join(cwd, 'config')};
	delete env['CI'];
	delete env['DIGITS_HOME'];
	// `script` gives the bin a pseudo-terminal; stty a size where the notice fits on one line.
	const child = spawn('script', ['-qec', `stty cols 120 rows 40; ${JSON.stringify(process.execPath)} ${JSON.stringify(builtBin)}`, '/dev/null'], {env, cwd});
	let screen = '';
	const waiters: Array<{pattern: RegExp; resolve: (match: string) => void}> = [];
	child.stdout.on('data', chunk => {
		screen += String(chunk).replaceAll(escapes, '');
		for (const waiter of [...waiters]) {
			const match = waiter.pattern.exec(screen);
			if (match) {
				waiters.splice(waiters.indexOf(waiter), 1);
				waiter.resolve(match[0]);
			}
		}
	});
	const shown = (pattern: RegExp) => new Promise<string>(resolve => waiters.push({pattern, resolve}));
	const closed = new Promise<number | null>(resolve => child.on('close', resolve));
	try {
		await shown(/handwritten digits, recognized in the terminal/);
		child.stdin.write('2');
		await shown(/w writes the PNG report into reports\/best\//);
		child.stdin.write('w');
		const outcome = await shown(/report written to [^\r\n│]*|could not write the report[^\r\n│]*/);
		assert.match(outcome, /^report written to reports\/best\/: history\.png, confusion-matrix\.png, examples\.png, report\.md/);
		assert.deepEqual(fs.readdirSync(path.join(cwd, 'reports', 'best')).sort(), ['confusion-matrix.png', 'examples.png', 'history.png', 'report.md']);
		child.stdin.write('q');
		await new Promise(resolve => setTimeout(resolve, 500));
		child.stdin.write('q');
		assert.equal(await closed, 0);
	} finally {
		child.kill();
		fs.rmSync(cwd, {recursive: true, force: true});
	}
});
