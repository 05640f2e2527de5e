// The Load image screen's own state as a pure reducer: the path field (its text stays when
// it loses focus), the message under the screen's parts (typing puts it away) and whether the
// picture is read as one digit or as a number; and what Enter on the list opens.
import type {LoadImageMessage} from '../../hooks/use-load-image.js';
import type {BrowserList} from '../../hooks/use-load-image-browser.js';
import type {BrowserEntry, Completion} from '../../image/path-completion.js';
import {completionMessage, editField, type FieldEdit} from '../../input/text-field.js';

export type LoadImageState = {
	field: string;
	/** Whether the path field has focus. */
	editing: boolean;
	message?: LoadImageMessage;
	/** One digit, a number, or (auto) a number when the picture holds several digits. */
	view?: LoadImageView;
};

export type LoadImageView = 'auto' | 'digit' | 'number';

export type LoadImageAction =
	| {type: 'edit'}
	| {type: 'leave'}
	| {type: 'editField'; edit: FieldEdit}
	/** Tab in the field: `completion` is what the field's text completes to. */
	| {type: 'completed'; completion: Completion}
	/** A file picked in the list replaces a typed path, which would no longer name what is shown. */
	| {type: 'picked'}
	| {type: 'message'; message?: LoadImageMessage}
	/** `m`: the other reading than the one `shown`. */
	| {type: 'toggleView'; shown: 'digit' | 'number'};

export const initialLoadImage: LoadImageState = {field: '', editing: false};

export function loadImageReducer(state: LoadImageState, action: LoadImageAction): LoadImageState {
	switch (action.type) {
		case 'edit':
			return {...state, editing: true, message: undefined};
		case 'leave':
			return {...state, editing: false};
		case 'editField':
			return {...state, field: editField(state.field, action.edit), message: undefined};
		case 'completed':
			return {...state, field: action.completion.text, message: completionMessage(state.field, action.completion.matches)};
		case 'picked':
			return {...state, field: ''};
		case 'message':
			return {...state, message: action.message};
		case 'toggleView':
			return {...state, view: action.shown === 'digit' ? 'number' : 'digit'};
	}
}

/** The reading on show: the one chosen with `m`, or else the number when the picture holds several digits. */
export function shownView(view: LoadImageView | undefined, digits: number): 'digit' | 'number' {
	if (view === 'digit' || view === 'number') return view;
	return digits >= 2 ? 'number' : 'digit';
}

/** The entry Enter on the list opens: the selected one, or the selected recent file. */
export function chosenEntry(list: BrowserList): Pick<BrowserEntry, 'kind' | 'path'> | undefined {
	if (list.view === 'folder') return list.entries[list.selected];
	const file = list.recent[list.recentSelected];
	return file === undefined ? undefined : {kind: 'image', path: file};
}
