// The shell's own state as a pure reducer: which screen is open, and what the status line
// says about the backend and the loaded model.
import type {BackendName} from '../model/types.js';
import type {BackendStatus, ModelStatus} from '../components/StatusLine.js';
import type {ScreenName} from '../screens/home/home-menu.js';

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
