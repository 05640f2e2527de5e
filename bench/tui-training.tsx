/* @jsxRuntime automatic */
// Training throughput inside the TUI, for `npm run bench`: the real app, drawing at its
// real pace into an off-screen terminal, trains through the real model service; the images/s
// of its epochs can then be set against headless `digits train` (the same service, no app),
// and keys pressed meanwhile are timed to the frame that shows them.
// Ink draws nothing when CI is set in the environment: unset it to measure the drawing too.
import {EventEmitter} from 'node:events';
import {Writable} from 'node:stream';
import {render} from 'ink';
import type {ModelService} from '../source/model/service.js';
import type {TrainEvent, TrainOptions} from '../source/model/types.js';
import {createTheme} from '../source/theme.js';
import {App} from '../source/app/app.js';
import {modelNames} from '../source/model/store.js';
import {defaultFormValues, formOptions, type FormValues} from '../source/screens/train/train-form.js';

export type TrainingThroughput = {
	/** Images/s of each epoch, as the service measured them. */
	perEpoch: number[];
	/** Frames Ink wrote while training. */
	frames: number;
	/** CPU time of this process (the app; TensorFlow is in the child) per second of training. */
	appCpuShare: number;
	/** Milliseconds Ink spent on a frame (layout and output), on average. */
	msPerFrame: number;
	/** Milliseconds from a key (`?`, opening or closing the help) to the frame that shows its effect. */
	keyLatencies: number[];
};

/** What the help overlay's frame holds (HelpOverlay's title). */
const helpMarker = 'Keys: ';

/** A terminal nobody looks at: it takes Ink's frames, counts them, and tells `onFrame`. */
class OffScreenTerminal extends Writable {
	readonly isTTY = true;
	frames = 0;
	onFrame: (frame: string) => void = () => {};
	constructor(
		readonly columns: number,
		readonly rows: number,
	) {
		super();
	}

	override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
		// Ink brackets a frame with synchronized-update codes: count the frames, not those.
		const text = String(chunk);
		if (text.includes('\n')) {
			this.frames++;
			this.onFrame(text);
		}
		callback();
	}
}

/** A keyboard in raw mode that types what `press` is given, as a terminal would. */
class ScriptedKeyboard extends EventEmitter {
	readonly isTTY = true;
	private readonly queue: string[] = [];
	press(text: string) {
		this.queue.push(text);
		this.emit('readable');
	}
	setRawMode() {}
	setEncoding() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
	read() {
		return this.queue.shift() ?? null;
	}
}

/**
 * Presses `?` every `interval` ms and times each press until a frame shows the help opened
 * (or closed again): the key's whole way through the app while the child trains.
 */
function timeKeys(screen: OffScreenTerminal, keyboard: ScriptedKeyboard, interval = 400) {
	const latencies: number[] = [];
	let pending: {since: number; open: boolean} | undefined;
	let helpOpen = false;
	screen.onFrame = frame => {
		const open = frame.includes(helpMarker);
		if (pending && open === pending.open) {
			latencies.push(performance.now() - pending.since);
			pending = undefined;
		}
		helpOpen = open;
	};
	const timer = setInterval(() => {
		if (pending) return;
		pending = {since: performance.now(), open: !helpOpen};
		keyboard.press('?');
	}, interval);
	return {latencies, stop: () => clearInterval(timer)};
}

/** Trains `options` on the training screen of the app (80×24 unless told) and reports its speed. */
export async function measureTuiTraining(
	service: ModelService,
	options: TrainOptions,
	{columns = 80, rows = 24}: {columns?: number; rows?: number} = {},
): Promise<TrainingThroughput> {
	const perEpoch: number[] = [];
	let finish: (outcome: TrainEvent) => void = () => {};
	const finished = new Promise<TrainEvent>(resolve => (finish = resolve));
	// The app's own service, its training watched on the way through.
	const watched: ModelService = {
		ready: work => service.ready(work),
		load: name => service.load(name),
		describe: () => service.describe(),
		predict: (images, name) => service.predict(images, name),
		evaluate: (name, options) => service.evaluate(name, options),
		export: (out, name) => service.export(out, name),
		async *train(trainOptions, context) {
			for await (const event of service.train(trainOptions, context)) {
				if (event.type === 'epoch') perEpoch.push(event.imagesPerSecond);
				yield event;
				if (event.type === 'done' || event.type === 'cancelled' || event.type === 'error') finish(event);
			}
		},
		close: () => service.close(),
	};
	const form: Partial<FormValues> = {
		preset: options.preset,
		epochs: String(options.epochs),
		batchSize: String(options.batchSize),
		learningRate: String(options.learningRate),
		validationSplit: String(options.validationSplit),
		seed: String(options.seed),
		limit: options.limit === undefined ? '' : String(options.limit),
		model: options.model ?? '',
	};
	if (!formOptions({...defaultFormValues(), ...form}, modelNames)) {
		throw new Error(`The training form refuses these settings (is there already a model named "${options.model}"?).`);
	}
	const screen = new OffScreenTerminal(columns, rows);
	const keyboard = new ScriptedKeyboard();
	let renders = 0;
	let renderMs = 0;
	const onRender = ({renderTime}: {renderTime: number}) => {
		renders++;
		renderMs += renderTime;
	};
	await Promise.all([service.ready(), service.ready('train')]);
	const started = performance.now();
	const cpuBefore = process.cpuUsage();
	const app = render(
		<App services={{model: watched, store: modelNames}} theme={createTheme(2)} size={{columns, rows}} initial={{screen: 'train', form, autostart: true}} />,
		{stdout: screen as unknown as NodeJS.WriteStream, stdin: keyboard as unknown as NodeJS.ReadStream, exitOnCtrlC: false, patchConsole: false, maxFps: 30, onRender},
	);
	const keys = timeKeys(screen, keyboard);
	try {
		const outcome = await finished;
		if (outcome.type === 'error') throw new Error(outcome.message);
	} finally {
		keys.stop();
		app.unmount();
	}
	const seconds = (performance.now() - started) / 1000;
	const cpu = process.cpuUsage(cpuBefore);
	return {
		perEpoch,
		frames: screen.frames,
		appCpuShare: (cpu.user + cpu.system) / 1e6 / seconds,
		msPerFrame: renderMs / Math.max(renders, 1),
		keyLatencies: keys.latencies,
	};
}
