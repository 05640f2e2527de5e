// The app shell: providers, the screen switch, the status line, the help overlay and the
// too-small message. Screens stay mounted (hidden) under the overlays, so nothing typed
// or trained is lost when the window shrinks or the help opens.
import {Box, useApp} from 'ink';
import {useCallback, useEffect, useReducer, useRef} from 'react';
import {HelpOverlay} from '../components/HelpOverlay.js';
import {StatusLine} from '../components/StatusLine.js';
import {ThemeProvider, useTheme} from '../components/theme-context.js';
import {minimumSize, TooSmall} from '../components/TooSmall.js';
import {InputGate, useInputState, useKeymap} from '../hooks/use-keymap.js';
import {useTerminalSize, type TerminalSize} from '../hooks/use-terminal-size.js';
import {useTraining, type TrainingRun} from '../screens/train/use-training.js';
import {helpRows, hints, keymapTitles} from '../input/keymap.js';
import type {ModelService} from '../model/service.js';
import type {ModelDescription} from '../model/types.js';
import {EvaluateScreen} from '../screens/evaluate/EvaluateScreen.js';
import {ExamplesScreen} from '../screens/examples/ExamplesScreen.js';
import {HomeScreen} from '../screens/home/HomeScreen.js';
import {menuItems, type ScreenName} from '../screens/home/home-menu.js';
import {LoadImageScreen} from '../screens/load-image/LoadImageScreen.js';
import {ModelInfoScreen} from '../screens/model-info/ModelInfoScreen.js';
import {SketchScreen} from '../screens/sketch/SketchScreen.js';
import {TrainScreen} from '../screens/train/TrainScreen.js';
import type {Theme} from '../theme.js';
import {signalExitCodes} from '../errors.js';
import {appReducer, initialAppState, type AppAction, type AppState} from './app-state.js';
import {ServicesProvider, useServices, type AppServices} from '../hooks/use-services.js';
import type {TrainingOutcome} from '../screens/train/training-state.js';
import type {FormValues} from '../screens/train/train-form.js';

export type AppProps = {
	services: AppServices;
	theme: Theme;
	/** The terminal size; read from stdout (and kept current) when absent. */
	size?: TerminalSize;
	initial?: {screen?: ScreenName; form?: Partial<FormValues>; autostart?: boolean};
	/** The name of the default model, if any (read once at start). */
	defaultModel?: string;
	/** Called as the app quits, with the exit code: 130 after Ctrl-C or when a training run was interrupted, else 0. */
	onQuit?: (code: number) => void;
};

/** How long Ctrl-C waits for a training run to stop at its next batch before quitting anyway. */
const stopWaitMs = 5000;

export function App(props: AppProps) {
	return (
		<ServicesProvider services={props.services}>
			<ThemeProvider theme={props.theme}>
				<Shell {...props} />
			</ThemeProvider>
		</ServicesProvider>
	);
}

function Shell({size, initial, defaultModel, onQuit}: AppProps) {
	const {exit} = useApp();
	const services = useServices();
	const measured = useTerminalSize();
	const {columns, rows} = size ?? measured;
	const [state, dispatch] = useReducer(appReducer, initial?.screen, initialAppState);
	const quitting = useRef(false);
	useModelStatus(services, defaultModel, dispatch);

	const onFinished = useCallback(
		(outcome: TrainingOutcome) => {
			if (outcome.type === 'done') loadModel(services.model, outcome.model, dispatch);
		},
		[services],
	);
	// The model picked on the Model info screen becomes the session's: loaded first, so a model
	// that cannot be loaded leaves the one in use as it was (the picker says why).
	const chooseSessionModel = useCallback((name: string) => services.model.load(name).then(model => dispatch(loadedAction(model))), [services]);
	const training = useTraining(services.model, {onFinished});
	const trainingRef = useRef(training);
	trainingRef.current = training;

	const leave = useCallback(
		(code: number) => {
			if (quitting.current) {
				// A second Ctrl-C does not wait for the batch to end.
				exit();
				return;
			}
			quitting.current = true;
			const run = trainingRef.current;
			const interrupted = run.running;
			void run.stopAndWait(stopWaitMs).then(() => {
				onQuit?.(interrupted ? signalExitCodes.SIGINT : code);
				exit();
			});
		},
		[exit, onQuit],
	);
	const quit = useCallback(() => leave(0), [leave]);
	// Ctrl-C is the terminal's interrupt, whatever the app was doing.
	const interrupt = useCallback(() => leave(signalExitCodes.SIGINT), [leave]);

	return (
		<InputGate onQuit={interrupt}>
			<Frame state={state} dispatch={dispatch} columns={columns} rows={rows} training={training} initial={initial} onQuit={quit} onUseModel={chooseSessionModel} />
		</InputGate>
	);
}

type FrameProps = {
	state: AppState;
	dispatch: (action: AppAction) => void;
	columns: number;
	rows: number;
	training: TrainingRun;
	initial: AppProps['initial'];
	onQuit: () => void;
	onUseModel: (name: string) => Promise<void>;
};

function Frame({state, dispatch, columns, rows, training, initial, onQuit, onUseModel}: FrameProps) {
	const theme = useTheme();
	const services = useServices();
	const {active, helpOpen, described, keysInUse} = useInputState();
	const tooSmall = columns < minimumSize.columns || rows < minimumSize.rows;
	// Ink redraws the whole screen when a frame is as tall as the terminal: stay one row short.
	const height = rows - 1;
	const screenHeight = height - 1;
	const home = () => dispatch({type: 'open', screen: 'home'});
	// The model the Evaluate, Examples and Model info screens show: the loaded one, or the one on its way.
	const loadedModel = state.model.state === 'loaded' || state.model.state === 'loading' ? state.model.name : undefined;
	// A stopped run's model is not loaded by itself: Evaluate loads it first.
	const evaluate = (model: string) => {
		if (model !== loadedModel) loadModel(services.model, model, dispatch);
		dispatch({type: 'open', screen: 'evaluate'});
	};
	const screen =
		state.screen === 'train' ? (
			<TrainScreen training={training} width={columns} height={screenHeight} onHome={home} onEvaluate={evaluate} initialValues={initial?.form} autostart={initial?.autostart} />
		) : state.screen === 'evaluate' ? (
			<EvaluateScreen model={loadedModel} width={columns} height={screenHeight} onHome={home} />
		) : state.screen === 'examples' ? (
			<ExamplesScreen model={loadedModel} width={columns} height={screenHeight} onHome={home} />
		) : state.screen === 'sketch' ? (
			<SketchScreen width={columns} height={screenHeight} onBack={home} />
		) : state.screen === 'loadImage' ? (
			<LoadImageScreen width={columns} height={screenHeight} onBack={home} />
		) : state.screen === 'modelInfo' ? (
			<ModelInfoScreen model={loadedModel} width={columns} height={screenHeight} onHome={home} onUseModel={onUseModel} />
		) : (
			<HomeScreen items={menuItems(state.backend)} onOpen={screen => dispatch({type: 'open', screen})} onQuit={onQuit} />
		);
	return (
		<Box flexDirection="column" width={columns} height={height}>
			<Box flexDirection="column" height={tooSmall ? undefined : screenHeight} display={tooSmall || helpOpen ? 'none' : 'flex'}>
				{screen}
			</Box>
			{tooSmall && <TooSmallLayer columns={columns} rows={rows} onQuit={onQuit} />}
			{helpOpen && !tooSmall && (
				<Box height={screenHeight}>
					<HelpOverlay title={keymapTitles[described ?? 'home']} rows={helpRows(described ?? 'home', theme.ascii, keysInUse())} width={columns} />
				</Box>
			)}
			{!tooSmall && <StatusLine backend={state.backend} model={state.model} hints={active ? hints(active, {ascii: theme.ascii}) : []} width={columns} />}
		</Box>
	);
}

function TooSmallLayer({columns, rows, onQuit}: {columns: number; rows: number; onQuit: () => void}) {
	useKeymap('tooSmall', {quit: onQuit}, {priority: 1});
	return <TooSmall columns={columns} rows={rows} />;
}

/** Starts the model service, then loads the default model; the status line follows along. */
function useModelStatus(services: AppServices, defaultModel: string | undefined, dispatch: (action: AppAction) => void): void {
	useEffect(() => {
		let live = true;
		const send = (action: AppAction) => live && dispatch(action);
		services.model.ready().then(
			({backend, reason}) => {
				send({type: 'backendReady', backend, reason});
				if (defaultModel === undefined) {
					send({type: 'noModel'});
					return;
				}
				loadModel(services.model, defaultModel, send);
			},
			(error: Error) => send({type: 'backendFailed', message: error.message}),
		);
		return () => {
			live = false;
		};
	}, [services, defaultModel, dispatch]);
}

/** Loads a model (the default at start, a model just trained) and tells the status line how it went. */
function loadModel(service: ModelService, name: string, send: (action: AppAction) => void): void {
	send({type: 'modelLoading', name});
	service.load(name).then(
		model => send(loadedAction(model)),
		(error: Error) => send({type: 'modelFailed', message: error.message}),
	);
}

function loadedAction(model: ModelDescription): AppAction {
	return {type: 'modelLoaded', name: model.name, testAccuracy: model.meta.test?.accuracy ?? null};
}
