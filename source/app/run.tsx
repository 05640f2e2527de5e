// Runs the TUI in the real terminal: alternate screen in, Ink app, and the terminal put back
// on every way out. Imported lazily by main.ts, so plain commands never load Ink or React.
import {render, type Instance} from 'ink';
import type {ModelService} from '../model/service.js';
import {defaultModelName, modelNames} from '../model/store.js';
import {takeTerminal} from '../input/terminal.js';
import {createTheme, detectAscii, detectColorLevel} from '../theme.js';
import {App, type AppProps} from './app.js';

export type RunOptions = {ascii?: boolean; initial?: AppProps['initial']};

/** Opens the app and resolves with the exit code once it is closed and the terminal restored. */
export async function runApp(service: ModelService, {ascii = false, initial}: RunOptions = {}): Promise<number> {
	const theme = createTheme(detectColorLevel(process.env, Boolean(process.stdout.isTTY)), ascii || detectAscii());
	let code = 0;
	let instance: Instance | undefined;
	const guard = takeTerminal(process.stdout, process.stdin, {
		// Ink draws its last frame while the alternate screen is still up, then we leave it.
		beforeRestore: () => instance?.unmount(),
		onSignal: () => service.close(),
	});
	try {
		// Training redraws itself about four times a second (use-training merges its events);
		// Ink's own cap only delays a key's answer, so it stays at its default.
		instance = render(
			<App services={{model: service, store: modelNames}} theme={theme} defaultModel={defaultModelName()} initial={initial} onQuit={exitCode => (code = exitCode)} />,
			{exitOnCtrlC: false, maxFps: 30},
		);
		await instance.waitUntilExit();
	} finally {
		guard.restore();
		guard.dispose();
	}
	return code;
}
