// The sketch pad screen's state as a pure reducer: the pad itself (sketch/sketch-state.ts),
// the one-line path field that `o` opens (Tab completes it), and the message under the
// canvas. Each drawing command of the sketch keymap is one pad action (padActions), so the
// screen only dispatches.
import type {FileMessage} from '../../hooks/use-sketch-files.js';
import type {Completion} from '../../image/path-completion.js';
import type {CommandOf} from '../../input/keymap.js';
import type {MouseEvent} from '../../input/mouse.js';
import {completionMessage, editField, type CompletionMessage, type FieldEdit} from '../../input/text-field.js';
import {cellToCanvas, insideCanvas, type SketchLayout} from '../../sketch/layout.js';
import {initialSketch, JUMP, sketchReducer, type SketchAction, type SketchState} from '../../sketch/sketch-state.js';

export type SketchScreenState = {
	pad: SketchState;
	/** The path typed after `o`; undefined while the field is closed. */
	field?: string;
	/** What saving or opening a file said, or (while the field is open) what Tab said. */
	message?: SketchMessage;
};

export type SketchMessage = FileMessage | CompletionMessage;

export type SketchScreenAction =
	| SketchAction
	| {type: 'openField'}
	| {type: 'editField'; edit: FieldEdit}
	/** Tab in the field: `completion` is what the field's text completes to. */
	| {type: 'completed'; completion: Completion}
	| {type: 'closeField'}
	| {type: 'message'; message: FileMessage};

export function initialSketchScreen(): SketchScreenState {
	return {pad: initialSketch()};
}

export function sketchScreenReducer(state: SketchScreenState, action: SketchScreenAction): SketchScreenState {
	switch (action.type) {
		case 'openField':
			// The last message is about another file.
			return {...state, field: '', message: undefined};
		case 'editField':
			return state.field === undefined ? state : {...state, field: editField(state.field, action.edit)};
		case 'completed':
			return state.field === undefined ? state : {...state, field: action.completion.text, message: completionMessage(state.field, action.completion.matches)};
		case 'closeField':
			// While the field is open the message is only what Tab said, which is about the field.
			return {...state, field: undefined, message: undefined};
		case 'message':
			return {...state, message: action.message};
		default: {
			const pad = sketchReducer(state.pad, action);
			return pad === state.pad ? state : {...state, pad};
		}
	}
}

/** The sketch keymap's drawing commands and what each does to the pad. */
export const padActions = {
	moveLeft: {type: 'move', dx: -1, dy: 0},
	moveDown: {type: 'move', dx: 0, dy: 1},
	moveUp: {type: 'move', dx: 0, dy: -1},
	moveRight: {type: 'move', dx: 1, dy: 0},
	moveUpLeft: {type: 'move', dx: -1, dy: -1},
	moveUpRight: {type: 'move', dx: 1, dy: -1},
	moveDownLeft: {type: 'move', dx: -1, dy: 1},
	moveDownRight: {type: 'move', dx: 1, dy: 1},
	jumpLeft: {type: 'move', dx: -JUMP, dy: 0},
	jumpDown: {type: 'move', dx: 0, dy: JUMP},
	jumpUp: {type: 'move', dx: 0, dy: -JUMP},
	jumpRight: {type: 'move', dx: JUMP, dy: 0},
	dab: {type: 'dab', mode: 'paint'},
	erase: {type: 'dab', mode: 'erase'},
	pen: {type: 'pen', mode: 'paint'},
	eraser: {type: 'pen', mode: 'erase'},
	smallerBrush: {type: 'brush', by: -1},
	biggerBrush: {type: 'brush', by: 1},
	clear: {type: 'clear'},
	undo: {type: 'undo'},
	redo: {type: 'redo'},
} as const satisfies Partial<Record<CommandOf<'sketch'>, SketchAction>>;

export type PadCommand = keyof typeof padActions;

/** A handler for useKeymap per drawing command, each dispatching the command's action. */
export function padHandlers(dispatch: (action: SketchAction) => void): Record<PadCommand, () => void> {
	const commands = Object.keys(padActions) as PadCommand[];
	return Object.fromEntries(commands.map(command => [command, () => dispatch(padActions[command])])) as Record<PadCommand, () => void>;
}

/** A mouse report as a pad action: a press outside the canvas starts no stroke, a drag may leave it. */
export function mouseAction(layout: SketchLayout, event: MouseEvent): SketchAction {
	const at = cellToCanvas(layout, event.x, event.y);
	return {type: 'mouse', event, at: event.type === 'press' && !insideCanvas(at) ? null : at};
}
