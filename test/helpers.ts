// Shared test helpers: a temporary DIGITS_HOME and a way to run the real CLI.
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A fresh DIGITS_HOME (and config folder) for this test process; models written there only. */
export function temporaryHome(): string {
	const home = fs.mkdtempSync(path.join(os.tmpdir(), 'digits-test-'));
	process.env['DIGITS_HOME'] = home;
	process.env['XDG_CONFIG_HOME'] = path.join(home, 'config');
	return home;
}

/** Processes other than this one with `home` as their DIGITS_HOME: a started bin and the model service children it forks (they inherit it). Linux only. */
export function processesWithHome(home: string): number[] {
	const marker = `DIGITS_HOME=${home}\0`;
	return fs
		.readdirSync('/proc')
		.filter(entry => /^\d+$/.test(entry) && Number(entry) !== process.pid)
		.filter(pid => {
			try {
				return fs.readFileSync(`/proc/${pid}/environ`, 'utf8').includes(marker);
			} catch {
				return false;
			}
		})
		.map(Number);
}

export type CliResult = {code: number | null; stdout: string; stderr: string};

/** The bin as the build leaves it (`npm test` builds first). */
export const builtBin = path.join(root, 'dist', 'cli.js');

/**
 * Runs `digits ARGS` from source (or the built bin), as a user would, with the test's
 * environment. `onStdout` sees the output so far and may signal the process group, as a
 * terminal's Ctrl-C does.
 */
export function runCli(
	args: string[],
	options: {
		built?: boolean;
		env?: Record<string, string>;
		input?: Uint8Array;
		onStdout?: (stdout: string, signalGroup: (signal: NodeJS.Signals) => void) => void;
	} = {},
): Promise<CliResult> {
	const entry = options.built ? [builtBin] : ['--import', 'tsx', path.join(root, 'source', 'cli.ts')];
	return new Promise(resolve => {
		const child = spawn(process.execPath, [...entry, ...args], {
			env: {...process.env, ...options.env},
			stdio: ['pipe', 'pipe', 'pipe'],
			// Its own process group, so a signal can reach it and its children together.
			detached: options.onStdout !== undefined,
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', chunk => {
			stdout += chunk;
			options.onStdout?.(stdout, signal => process.kill(-child.pid!, signal));
		});
		child.stderr.on('data', chunk => (stderr += chunk));
		child.stdin.end(options.input);
		child.on('close', code => resolve({code, stdout, stderr}));
	});
}
