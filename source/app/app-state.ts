// The shell's own state as a pure reducer: which screen is open, and what the status line
// says about the backend and the loaded model.
import type {BackendName} from '../model/types.js';

export type ScreenName = 'home' | 'train' | 'evaluate' | 'examples' | 'modelInfo' | 'sketch' | 'loadImage';

export type BackendStatus = {state: 'starting'} | {state: 'ready'; backend: BackendName; reason?: string} | {state: 'failed'; message: string};

export type ModelStatus =
	| {state: 'waiting'}
	| {state: 'loading'; name?: string}
	| {state: 'loaded'; name: string; testAccuracy: number | null}
	| {state: 'none'}
	| {state: 'failed'; message: string};

export type AppState = {screen: ScreenName; backend: BackendStatus; model: ModelStatus};

export type AppAction =
	| {type: 'open'; screen: ScreenName}
	| {type: 'backendReady'; backend: BackendName; reason?: string}
	| {type: 'backendFailed'; message: string}
	| {type: 'modelLoading'; name?: string}
	| {type: 'modelLoaded'; name: string; testAccuracy: number | null}
	| {type: 'noModel'}
	| {type: 'modelFailed'; message: string};

export function initialAppState(screen: ScreenName = 'home'): AppState {
	return {screen, backend: {state: 'starting'}, model: {state: 'waiting'}};
}

export function appReducer(state: AppState, action: AppAction): AppState {
	switch (action.type) {
		case 'open':
			return {...state, screen: action.screen};
		case 'backendReady':
			return {...state, backend: {state: 'ready', backend: action.backend, reason: action.reason}};
		case 'backendFailed':
			return {...state, backend: {state: 'failed', message: action.message}, model: state.model.state === 'loaded' ? state.model : {state: 'failed', message: action.message}};
		case 'modelLoading':
			return {...state, model: {state: 'loading', name: action.name}};
		case 'modelLoaded':
			return {...state, model: {state: 'loaded', name: action.name, testAccuracy: action.testAccuracy}};
		case 'noModel':
			return {...state, model: {state: 'none'}};
		case 'modelFailed':
			return {...state, model: {state: 'failed', message: action.message}};
	}
}

export type MenuItem = {label: string; screen?: ScreenName; quit?: boolean; disabled?: string};

/** The home menu. Items whose screens do not exist yet say "coming"; Train says why it is off. */
export function menuItems(backend: BackendStatus): MenuItem[] {
	const trainOff =
		backend.state === 'ready' && backend.backend !== 'tensorflow'
			? `needs the native backend (${backend.reason ?? 'not available'})`
			: backend.state === 'failed'
				? 'the model service did not start'
				: undefined;
	return [
		{label: 'Train', screen: 'train', disabled: trainOff},
		{label: 'Evaluate', screen: 'evaluate'},
		{label: 'Sketch', screen: 'sketch'},
		{label: 'Load image', screen: 'loadImage'},
		{label: 'Examples', screen: 'examples'},
		{label: 'Model info', screen: 'modelInfo'},
		{label: 'Quit', quit: true},
	];
}
