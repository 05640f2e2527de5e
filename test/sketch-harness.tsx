/* @jsxRuntime automatic */
// A screen on its own (the sketch pad, Load image) inside the providers the app gives it, for ink-testing-library.
import {render} from 'ink-testing-library';
import {useState, type ReactElement} from 'react';
import {Text} from 'ink';
import {ServicesProvider} from '../source/hooks/use-services.js';
import {ThemeProvider} from '../source/components/theme-context.js';
import {InputGate} from '../source/hooks/use-keymap.js';
import {SketchScreen} from '../source/screens/sketch/SketchScreen.js';
import type {ModelService} from '../source/model/service.js';
import {createTheme, type ColorLevel} from '../source/theme.js';
import {fakeModelService} from './fake-model-service.js';
import {delay, waitForFrame} from './tui-helpers.js';

/** A fake service whose predict says "7" with the given confidence for any image. */
export function predictingService(confidence = 0.9) {
	const predicted: Float32Array[] = [];
	const service = fakeModelService({
		predict: async images => {
			predicted.push(images);
			const probabilities = new Float32Array(10).fill((1 - confidence) / 9);
			probabilities[7] = confidence;
			return probabilities;
		},
	});
	return Object.assign(service, {predicted});
}

/** What a screen gets from the shell: its room (columns × rows less the status line and a row) and a way back. */
type ScreenSlot = (room: {width: number; height: number; onBack: () => void}) => ReactElement;

/** Shows "home" once the screen goes back, as the shell would. */
function Slot({screen, columns, rows}: {screen: ScreenSlot; columns: number; rows: number}) {
	const [open, setOpen] = useState(true);
	return open ? screen({width: columns, height: rows - 2, onBack: () => setOpen(false)}) : <Text>home</Text>;
}

/** Any screen inside the providers the app gives it; `press` types keys one at a time, as a person would. */
export function openScreen(service: ModelService, screen: ScreenSlot, {columns = 80, rows = 24, level = 0, ascii = false}: {columns?: number; rows?: number; level?: ColorLevel; ascii?: boolean} = {}) {
	const app = render(
		<ServicesProvider services={{model: service, store: {modelExists: () => false, checkModelName: () => {}}}}>
			<ThemeProvider theme={createTheme(level, ascii)}>
				<InputGate onQuit={() => {}}>
					<Slot screen={screen} columns={columns} rows={rows} />
				</InputGate>
			</ThemeProvider>
		</ServicesProvider>,
	);
	const frame = (check: (frame: string) => boolean, timeoutMs?: number) => waitForFrame(app.lastFrame, check, timeoutMs);
	const press = async (...sequence: string[]) => {
		for (const key of sequence) {
			app.stdin.write(key);
			await delay(20);
		}
	};
	return {app, frame, press};
}

export function openSketch(service: ModelService, {directory, ...size}: {directory?: string; columns?: number; rows?: number; level?: ColorLevel} = {}) {
	return openScreen(service, room => <SketchScreen {...room} directory={directory} />, size);
}
