// The Model info screen's own state as a pure reducer: which part a small window shows (a
// big one shows both, see modelInfoLayout), how far the layer table is scrolled, and the
// model picker while it is open.
import type {ModelListing} from '../../model/store.js';

export type ModelInfoView = 'architecture' | 'history';

export type ModelPickerState = {
	models: ModelListing[];
	selected: number;
	/** The picked model while the service loads it. */
	loading?: string;
	/** Why the last pick could not be loaded. */
	error?: string;
};

export type ModelInfoState = {view: ModelInfoView; top: number; picker?: ModelPickerState};

export type ModelInfoAction =
	| {type: 'switchView'}
	/** `shown` of `total` layer rows fit: the table scrolls no further than its last row. */
	| {type: 'scroll'; by: number; shown: number; total: number}
	| {type: 'openPicker'; models: ModelListing[]; current: string | undefined}
	| {type: 'movePicker'; by: number}
	| {type: 'pickStarted'; name: string}
	| {type: 'pickFailed'; name: string; message: string}
	| {type: 'closePicker'};

export const initialModelInfo: ModelInfoState = {view: 'architecture', top: 0};

const clamp = (value: number, most: number) => Math.max(0, Math.min(value, most));

export function modelInfoReducer(state: ModelInfoState, action: ModelInfoAction): ModelInfoState {
	switch (action.type) {
		case 'switchView':
			return {...state, view: state.view === 'architecture' ? 'history' : 'architecture'};
		case 'scroll':
			return {...state, top: clamp(Math.min(state.top, action.total - action.shown) + action.by, action.total - action.shown)};
		case 'openPicker':
			return {...state, picker: {models: action.models, selected: Math.max(0, action.models.findIndex(model => model.name === action.current))}};
		case 'movePicker':
			return state.picker && !state.picker.loading ? {...state, picker: {...state.picker, selected: clamp(state.picker.selected + action.by, state.picker.models.length - 1), error: undefined}} : state;
		case 'pickStarted':
			return state.picker ? {...state, picker: {...state.picker, loading: action.name, error: undefined}} : state;
		case 'pickFailed':
			return state.picker ? {...state, picker: {...state.picker, loading: undefined, error: `${action.name} could not be loaded: ${action.message}`}} : state;
		case 'closePicker':
			// A model just picked starts at the top of its own table.
			return {...state, top: 0, picker: undefined};
	}
}
