// The sketch pad screen's state as a pure reducer: the pad itself (sketch/sketch-state.ts),
// the one-line path field that `o` opens (Tab completes it), and the message under the
// canvas. Each drawing command of the sketch keymap is one pad action (padActions), so the
// screen only dispatches.
import type {FileMessage} from '../../hooks/use-sketch-files.js';
import type {Completion} from '../../image/path-completion.js';
import type {CommandOf} from '../../input/keymap.js';
import type {MouseEvent} from '../../input/mouse.js';
import {completionMessage, editField, type CompletionMessage, type FieldEdit} from '../../input/text-field.js';
import {canvasWidth} from '../../sketch/canvas.js';
import {imageSide} from '../../digit-size.js';
import {cellToCanvas, insideCanvas, type SketchLayout} from '../../sketch/layout.js';
import {initialSketch, JUMP, sketchReducer, type SketchAction, type SketchState} from '../../sketch/sketch-state.js';

/** One digit on the 28×28 pad, or a whole number on a wider one. */
export type SketchMode = 'digit' | 'number';

export type SketchScreenState = {
	mode: SketchMode;
	/** The pad of the mode on show. */
	pad: SketchState;
	/** The other mode's pad, kept as it was for when `m` brings it back. */
	other?: SketchState;
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
	| {type: 'message'; message: FileMessage}
	/** `m`: the other mode; `width` is how many pixels a number canvas may have in the window. */
	| {type: 'mode'; width: number};

export function initialSketchScreen(): SketchScreenState {
	return {mode: 'digit', pad: initialSketch()};
}

/** The other mode with its pad as it was left; a number pad the window no longer holds starts afresh at the width it does. */
function switchMode(state: SketchScreenState, width: number): SketchScreenState {
	const mode: SketchMode = state.mode === 'digit' ? 'number' : 'digit';
	const fits = state.other !== undefined && (mode === 'digit' || canvasWidth(state.other.drawing.pixels) <= width);
	const pad = fits ? state.other! : initialSketch(mode === 'digit' ? imageSide : width);
	return {...state, mode, pad, other: state.pad, message: undefined};
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
		case 'mode':
			return switchMode(state, action.width);
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
	return {type: 'mouse', event, at: event.type === 'press' && !insideCanvas(at, layout.canvasColumns / layout.scale) ? null : at};
}
