// Interrupted commands and the app end with the shells' codes: 130 for SIGINT (Ctrl-C),
// 143 for SIGTERM. Real processes of the built bin; the app in a pseudo-terminal (`script`).
import assert from 'node:assert/strict';
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import {after, describe, test} from 'node:test';
import {builtBin, processesWithHome, temporaryHome} from './helpers.js';
import {delay} from './tui-helpers.js';

const home = temporaryHome();
const linux = fs.existsSync('/proc/self/status');

// Whatever a failed test left running goes with it.
after(() => {
	for (const pid of linux ? processesWithHome(home) : []) {
		try {
			process.kill(pid, 'SIGKILL');
		} catch {}
	}
});


/**
 * Whether the bin's own signal handlers are in place. Node catches SIGINT and SIGTERM from its
 * start (the kernel's mask of caught signals shows them anyway); the bin's handlers add SIGHUP.
 */
function handlesSignals(pid: number): boolean {
	try {
		const caught = /^SigCgt:\s*([0-9a-f]+)$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
		return caught !== undefined && ((BigInt(`0x${caught}`) >> BigInt(os.constants.signals.SIGHUP - 1)) & 1n) === 1n;
	} catch {
		return false;
	}
}

/** The parent's pid, from /proc (the command name in parentheses may hold spaces). */
function parentOf(pid: number): number | undefined {
	try {
		return Number(/\) \S+ (\d+)/.exec(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1]);
	} catch {
		return undefined;
	}
}

async function until(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
	const started = Date.now();
	while (!check()) {
		if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting until ${what}`);
		await delay(50);
	}
}

type Running = {child: ChildProcessWithoutNullStreams; stdout: () => string; stderr: () => string; closed: Promise<number | null>};

function start(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Running {
	const child = spawn(command, args, {env, detached: true});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', chunk => (stdout += chunk));
	child.stderr.on('data', chunk => (stderr += chunk));
	const closed = new Promise<number | null>(resolve => child.on('close', code => resolve(code)));
	return {child, stdout: () => stdout, stderr: () => stderr, closed};
}

async function noneLeft(): Promise<void> {
	await until(() => processesWithHome(home).length === 0, 'the model service children stop', 5000);
}

describe('a plain command waiting for its input', {skip: !linux && 'needs /proc'}, () => {
	for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
		test(`${signal} ends digits predict - with ${code} and stops its children`, async () => {
			// Standard input stays open: predict waits for the image.
			const bin = start(process.execPath, [builtBin, 'predict', '-']);
			await until(() => handlesSignals(bin.child.pid!), 'the bin handles signals');
			if (signal === 'SIGINT') process.kill(-bin.child.pid!, signal);
			else bin.child.kill(signal);
			assert.equal(await bin.closed, code, bin.stderr());
			assert.equal(bin.stderr(), '');
			await noneLeft();
		});
	}
});

test('SIGTERM stops digits train after the batch with 143, as Ctrl-C does with 130', {skip: !linux && 'needs /proc'}, async () => {
	const bin = start(process.execPath, [builtBin, 'train', '--json', '--limit', '2000', '--epochs', '2', '--model', 'terminated']);
	await until(() => bin.stdout().includes('"type":"batch"'), 'training runs');
	bin.child.kill('SIGTERM');
	assert.equal(await bin.closed, 143, bin.stderr());
	assert.match(bin.stdout(), /"type":"cancelled"/);
	await noneLeft();
});

describe('the app in a terminal', {skip: !linux && 'needs /proc'}, () => {
	/** The built app in a pseudo-terminal, shown on its home screen. */
	async function openApp(): Promise<Running & {pid: number}> {
		const env: NodeJS.ProcessEnv = {...process.env, TERM: 'xterm-256color'};
		// CI=true would make Ink draw nothing.
		delete env['CI'];
		// `exec`: script runs the command through $SHELL or sh, and dash would stay in between.
		const app = start('script', ['-qec', `exec ${JSON.stringify(process.execPath)} ${JSON.stringify(builtBin)}`, '/dev/null'], env);
		await until(() => app.stdout().includes('handwritten digits, recognized in the terminal'), 'the home screen is up');
		// The bin is the terminal's child (the app renames its process, so its command line says "digits").
		const [pid] = processesWithHome(home).filter(candidate => parentOf(candidate) === app.child.pid);
		assert.ok(pid, 'the bin runs in the terminal');
		return {...app, pid};
	}

	test('Ctrl-C on the home screen (nothing running) exits 130; q exits 0', async () => {
		const app = await openApp();
		app.child.stdin.write('\u0003');
		assert.equal(await app.closed, 130);
		const again = await openApp();
		again.child.stdin.write('q');
		assert.equal(await again.closed, 0);
		await noneLeft();
	});

	test('SIGTERM exits 143 and puts the terminal back', async () => {
		const app = await openApp();
		await until(() => handlesSignals(app.pid), 'the app handles signals');
		process.kill(app.pid, 'SIGTERM');
		assert.equal(await app.closed, 143);
		assert.ok(app.stdout().includes('\u001B[?1049l'), 'the main screen is back');
		await noneLeft();
	});
});
