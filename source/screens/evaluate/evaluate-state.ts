// The Evaluate screen's own state as a pure reducer: which view is shown, the selected
// confused pair, and which mistakes the gallery shows (one pair or all, in which order, which
// page). What a command needs from the window and the evaluation comes with it as `at`.
import type {ConfusedPair} from '../../model/metrics.js';
import type {MistakeOrder} from '../../render/gallery.js';
import type {EvaluateView} from './evaluate-layout.js';

export type EvaluateState = {
	/** May point past the last view after the window grows: see currentView. */
	view: number;
	/** The confused pair under the cursor. */
	selected: number;
	/** The pair whose mistakes the gallery shows; all mistakes when absent. */
	pair?: ConfusedPair;
	order: MistakeOrder;
	/** May point past the last page after the window grows: pageOf clamps it. */
	page: number;
};

/** What the commands depend on: the views the window has, the confused pairs, the gallery's pages. */
export type EvaluateContext = {views: EvaluateView[]; pairs: ConfusedPair[]; pages: number};

export type EvaluateAction =
	| {type: 'nextView'; at: EvaluateContext}
	| {type: 'previousView'; at: EvaluateContext}
	/** 0-based; a view the window does not have is ignored. */
	| {type: 'showView'; index: number; at: EvaluateContext}
	| {type: 'select'; by: 1 | -1; at: EvaluateContext}
	| {type: 'openPair'; at: EvaluateContext}
	| {type: 'turnPage'; by: 1 | -1; at: EvaluateContext}
	| {type: 'all'}
	| {type: 'sort'};

export const initialEvaluate: EvaluateState = {view: 0, selected: 0, order: 'confidence', page: 0};

/** The view shown: the one chosen, or the last when the window has fewer. */
export function currentView(state: EvaluateState, views: EvaluateView[]): number {
	return Math.min(state.view, views.length - 1);
}

const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(high, value));

export function evaluateReducer(state: EvaluateState, action: EvaluateAction): EvaluateState {
	switch (action.type) {
		case 'nextView':
		case 'previousView': {
			const {views} = action.at;
			const by = action.type === 'nextView' ? 1 : -1;
			return {...state, view: (currentView(state, views) + by + views.length) % views.length};
		}
		case 'showView':
			return action.index >= 0 && action.index < action.at.views.length ? {...state, view: action.index} : state;
		case 'select':
			if (!shows(state, action.at, 'pairs')) return state;
			return {...state, selected: clamp(state.selected + action.by, 0, action.at.pairs.length - 1)};
		case 'openPair': {
			const pair = action.at.pairs[state.selected];
			if (!shows(state, action.at, 'pairs') || !pair) return state;
			return {...state, pair, page: 0, view: action.at.views.findIndex(view => view.parts.includes('gallery'))};
		}
		case 'turnPage':
			if (!shows(state, action.at, 'gallery')) return state;
			return {...state, page: clamp(clamp(state.page, 0, action.at.pages - 1) + action.by, 0, action.at.pages - 1)};
		case 'all':
			return {...state, pair: undefined, page: 0};
		case 'sort':
			return {...state, order: state.order === 'confidence' ? 'index' : 'confidence', page: 0};
	}
}

/** Keys for a part act only while its view is shown. */
function shows(state: EvaluateState, at: EvaluateContext, part: EvaluateView['parts'][number]): boolean {
	return at.views[currentView(state, at.views)]!.parts.includes(part);
}
