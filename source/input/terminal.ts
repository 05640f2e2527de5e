// The terminal's full-screen mode and its restore. Ink 6 has no alternate-screen option,
// so we switch it ourselves, and put everything back synchronously on every way out:
// a normal exit, SIGINT, SIGTERM, SIGHUP and an uncaught error.
import fs from 'node:fs';
import {signalExitCodes, type ExitSignal} from '../errors.js';

export const enterFullScreen = '\u001B[?1049h\u001B[H\u001B[2J\u001B[?25l';
/** Mouse reporting off (harmless when it was never on), cursor shown, main screen back. */
export const leaveFullScreen = '\u001B[?1000l\u001B[?1002l\u001B[?1003l\u001B[?1006l\u001B[?25h\u001B[?1049l';

type Output = Pick<NodeJS.WriteStream, 'write'> & {fd?: number};
type Input = {isTTY?: boolean; isRaw?: boolean; setRawMode?: (mode: boolean) => unknown};

export type TerminalGuard = {
	/** Puts the terminal back; safe to call more than once. */
	restore: () => void;
	/** Removes the process handlers (after restore). */
	dispose: () => void;
};

/**
 * Switches to the alternate screen and makes sure it is left again. `beforeRestore` runs
 * first on a signal or crash (e.g. to stop training and unmount Ink); on a signal, `onSignal`
 * runs after the restore, and the process exits with the signal's code (130 for SIGINT).
 */
export function takeTerminal(
	stdout: Output,
	stdin: Input,
	{beforeRestore, onSignal}: {beforeRestore?: (reason: 'signal' | 'error') => void; onSignal?: (signal: ExitSignal) => void} = {},
): TerminalGuard {
	let restored = false;
	const write = (text: string) => {
		try {
			if (typeof stdout.fd === 'number') fs.writeSync(stdout.fd, text);
			else stdout.write(text);
		} catch {}
	};
	const restore = () => {
		if (restored) return;
		restored = true;
		try {
			if (stdin.isTTY && stdin.isRaw) stdin.setRawMode?.(false);
		} catch {}
		write(leaveFullScreen);
	};
	const onSignalEvent = (signal: ExitSignal) => {
		try {
			beforeRestore?.('signal');
		} catch {}
		restore();
		onSignal?.(signal);
		process.exit(signalExitCodes[signal]);
	};
	const onCrash = (error: unknown) => {
		try {
			beforeRestore?.('error');
		} catch {}
		restore();
		process.stderr.write(`digits failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exit(1);
	};
	const signals = Object.keys(signalExitCodes) as ExitSignal[];
	for (const signal of signals) process.on(signal, onSignalEvent);
	process.on('uncaughtException', onCrash);
	process.on('unhandledRejection', onCrash);
	process.on('exit', restore);
	write(enterFullScreen);
	return {
		restore,
		dispose() {
			for (const signal of signals) process.off(signal, onSignalEvent);
			process.off('uncaughtException', onCrash);
			process.off('unhandledRejection', onCrash);
			process.off('exit', restore);
		},
	};
}
