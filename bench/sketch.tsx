/* @jsxRuntime automatic */
// The sketch pad's stroke → bars latency for `npm run bench`: the pad is rendered with
// ink-testing-library on the real model service; each trial clears the canvas, paints one
// dab of the biggest brush with the keyboard (a whole stroke, and ink enough to be read)
// and times until a frame shows the new bars. That covers key handling, the canvas,
// preprocessing, the model service and drawing the frame.
import {render} from 'ink-testing-library';
import {ServicesProvider} from '../source/hooks/use-services.js';
import {ThemeProvider} from '../source/components/theme-context.js';
import {InputGate} from '../source/hooks/use-keymap.js';
import type {ModelService} from '../source/model/service.js';
import {SketchScreen} from '../source/screens/sketch/SketchScreen.js';
import {createTheme} from '../source/theme.js';

export type SketchBenchRow = {what: string; value: string; note: string};

const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

/** Resolves with the time (ms after `since`) of the first frame passing `check`; polls every turn of the event loop. */
async function frameTime(frames: () => readonly string[], check: (frame: string) => boolean, since: number, timeoutMs = 10_000): Promise<number> {
	for (;;) {
		const last = frames().at(-1) ?? '';
		if (check(last)) return performance.now() - since;
		if (performance.now() - since > timeoutMs) throw new Error(`the sketch pad showed no prediction within ${timeoutMs} ms`);
		await new Promise(resolve => setImmediate(resolve));
	}
}

/**
 * Stroke end → updated probability bars on the sketch pad, p50 and p95 over `trials` strokes.
 * `service` must be ready with a model loaded (its predict uses the loaded model).
 */
export async function measureSketchLatency(service: ModelService, {trials = 20}: {trials?: number} = {}): Promise<SketchBenchRow[]> {
	const app = render(
		<ServicesProvider services={{model: service, store: {modelExists: () => false, checkModelName: () => {}}}}>
			<ThemeProvider theme={createTheme(2)}>
				<InputGate onQuit={() => {}}>
					<SketchScreen width={80} height={22} onBack={() => {}} directory={process.cwd()} />
				</InputGate>
			</ThemeProvider>
		</ServicesProvider>,
	);
	const frames = () => app.frames;
	const times: number[] = [];
	try {
		await frameTime(frames, frame => frame.includes('draw a digit'), performance.now());
		// A dab of the default brush is too little ink for the pad to ask the model.
		app.stdin.write(']]]');
		for (let trial = -2; trial < trials; trial++) {
			const started = performance.now();
			app.stdin.write(' ');
			// The winner's marker appears with the first bars of the new canvas.
			const elapsed = await frameTime(frames, frame => frame.includes('›'), started);
			if (trial >= 0) times.push(elapsed);
			await sleep(150);
			app.stdin.write('c');
			await frameTime(frames, frame => frame.includes('draw a digit'), performance.now());
			await sleep(150);
		}
	} finally {
		app.unmount();
		app.cleanup();
	}
	const sorted = [...times].sort((a, b) => a - b);
	const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
	return [
		{what: 'sketch pad: stroke end → bars, p50', value: `${at(0.5).toFixed(1)} ms`, note: `keyboard dab to drawn frame (keys, canvas, preprocessing, model service, Ink); ${times.length} strokes`},
		{what: 'sketch pad: stroke end → bars, p95', value: `${at(0.95).toFixed(1)} ms`, note: 'target ≤ 100 ms'},
	];
}
