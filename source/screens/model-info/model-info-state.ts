// The Model info screen's own state as a pure reducer: which part a small window shows (a
// big one shows both, see modelInfoLayout).

export type ModelInfoView = 'architecture' | 'history';

export type ModelInfoState = {view: ModelInfoView};

export type ModelInfoAction = {type: 'switchView'};

export const initialModelInfo: ModelInfoState = {view: 'architecture'};

export function modelInfoReducer(state: ModelInfoState, action: ModelInfoAction): ModelInfoState {
	switch (action.type) {
		case 'switchView':
			return {...state, view: state.view === 'architecture' ? 'history' : 'architecture'};
	}
}
