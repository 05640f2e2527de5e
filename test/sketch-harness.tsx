/* @jsxRuntime automatic */
// The sketch pad on its own, inside the providers the app gives it, for ink-testing-library.
import {render} from 'ink-testing-library';
import {useState} from 'react';
import {Text} from 'ink';
import {ServicesProvider, type ModelServiceLike} from '../source/app/services.js';
import {ThemeProvider} from '../source/components/theme-context.js';
import {InputGate} from '../source/hooks/use-keymap.js';
import {SketchScreen} from '../source/screens/sketch.js';
import {createTheme, type ColorLevel} from '../source/theme.js';
import {delay, fakeService, waitForFrame} from './tui-helpers.js';

/** A fake service whose predict says "7" with the given confidence for any image. */
export function predictingService(confidence = 0.9): ModelServiceLike & {predicted: Float32Array[]} {
	const predicted: Float32Array[] = [];
	return {
		...fakeService(),
		predicted,
		predict: async (images: Float32Array) => {
			predicted.push(images);
			const probabilities = new Float32Array(10).fill((1 - confidence) / 9);
			probabilities[7] = confidence;
			return probabilities;
		},
	};
}

function Pad({directory, columns, rows}: {directory?: string; columns: number; rows: number}) {
	const [open, setOpen] = useState(true);
	return open ? <SketchScreen width={columns} height={rows - 2} onBack={() => setOpen(false)} directory={directory} /> : <Text>home</Text>;
}

export function openSketch(service: ModelServiceLike, {directory, columns = 80, rows = 24, level = 0}: {directory?: string; columns?: number; rows?: number; level?: ColorLevel} = {}) {
	const app = render(
		<ServicesProvider services={{model: service, store: {modelExists: () => false, checkModelName: () => {}}}}>
			<ThemeProvider theme={createTheme(level)}>
				<InputGate onQuit={() => {}}>
					<Pad directory={directory} columns={columns} rows={rows} />
				</InputGate>
			</ThemeProvider>
		</ServicesProvider>,
	);
	const frame = (check: (frame: string) => boolean, timeoutMs?: number) => waitForFrame(app.lastFrame, check, timeoutMs);
	/** Types keys one at a time, as a person would (each after the screen has caught up). */
	const press = async (...sequence: string[]) => {
		for (const key of sequence) {
			app.stdin.write(key);
			await delay(15);
		}
	};
	return {app, frame, press};
}
