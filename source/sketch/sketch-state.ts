// The sketch pad's state as a pure reducer: the drawing, the keyboard cursor and its pen,
// the brush, a vim-style count ("5l"), and the mouse stroke in progress. `strokes` counts
// finished strokes, so the screen knows when to predict at once rather than throttled.
import {beginStroke, brushRadii, canvasWidth, fitCanvas, dabInto, defaultBrush, drawOn, emptyDrawing, lineInto, pixelCenter, redo, replaceCanvas, undo, blankCanvas, type BrushMode, type Drawing, type Point} from './canvas.js';
import type {MouseEvent} from '../input/mouse.js';
import {imageSide} from '../digit-size.js';

export type Pen = 'up' | BrushMode;

export type SketchState = {
	drawing: Drawing;
	cursor: {x: number; y: number};
	pen: Pen;
	brush: number;
	/** Digits typed before a move. */
	count: string;
	/** The mouse stroke in progress: what it does and where it was last. */
	mouse?: {mode: BrushMode; at: Point};
	/** Finished strokes so far (a dab, a pen lifted, a mouse button released, clear, undo…). */
	strokes: number;
};

/** How far H J K L, Y U B N (diagonally) and Shift+arrows move. */
export const JUMP = 4;

export type SketchAction =
	| {type: 'move'; dx: number; dy: number}
	| {type: 'count'; digit: string}
	| {type: 'dab'; mode: BrushMode}
	| {type: 'pen'; mode: BrushMode}
	| {type: 'brush'; by: number}
	| {type: 'clear'}
	| {type: 'undo'}
	| {type: 'redo'}
	| {type: 'load'; pixels: Float32Array}
	/** `at` is the event's cell as a canvas point (pixel units), or null outside the canvas. */
	| {type: 'mouse'; event: MouseEvent; at: Point | null};

/** A pad `width` pixels wide (28 for a digit, more for a number). */
export function initialSketch(width: number = imageSide): SketchState {
	return {drawing: emptyDrawing(width), cursor: {x: 13, y: 13}, pen: 'up', brush: defaultBrush, count: '', strokes: 0};
}

export function brushRadius(state: SketchState): number {
	return brushRadii[state.brush]!;
}

const clampPixel = (value: number, size: number = imageSide) => Math.min(size - 1, Math.max(0, value));
/** The cursor kept on the canvas, whatever its width. */
const clampCursor = (state: SketchState, x: number, y: number) => ({x: clampPixel(x, canvasWidth(state.drawing.pixels)), y: clampPixel(y)});

export function sketchReducer(state: SketchState, action: SketchAction): SketchState {
	switch (action.type) {
		case 'count':
			return action.digit === '0' && state.count === '' ? state : {...state, count: (state.count + action.digit).slice(-2)};
		case 'move': {
			const times = state.count === '' ? 1 : Number(state.count);
			const cursor = clampCursor(state, state.cursor.x + action.dx * times, state.cursor.y + action.dy * times);
			const moved = {...state, cursor, count: ''};
			if (state.pen === 'up') return moved;
			const radius = brushRadius(state);
			const mode = state.pen;
			return {...moved, drawing: drawOn(state.drawing, pixels => lineInto(pixels, pixelCenter(state.cursor.x, state.cursor.y), pixelCenter(cursor.x, cursor.y), radius, mode))};
		}
		case 'dab': {
			const at = pixelCenter(state.cursor.x, state.cursor.y);
			const radius = brushRadius(state);
			return {...state, count: '', strokes: state.strokes + 1, drawing: drawOn(beginStroke(state.drawing), pixels => dabInto(pixels, at, radius, action.mode))};
		}
		case 'pen': {
			if (state.pen === action.mode) return {...state, pen: 'up', count: '', strokes: state.strokes + 1};
			// Pen down: a new stroke starts with a dab where the cursor is.
			const at = pixelCenter(state.cursor.x, state.cursor.y);
			const radius = brushRadius(state);
			const ended = state.pen === 'up' ? 0 : 1;
			return {...state, pen: action.mode, count: '', strokes: state.strokes + ended, drawing: drawOn(beginStroke(state.drawing), pixels => dabInto(pixels, at, radius, action.mode))};
		}
		case 'brush':
			return {...state, brush: Math.min(brushRadii.length - 1, Math.max(0, state.brush + action.by))};
		case 'clear':
			return {...state, count: '', pen: 'up', strokes: state.strokes + 1, drawing: replaceCanvas(state.drawing, blankCanvas(canvasWidth(state.drawing.pixels)))};
		case 'undo':
		case 'redo': {
			const drawing = action.type === 'undo' ? undo(state.drawing) : redo(state.drawing);
			// Undo in the middle of a pen-down stroke lifts the pen: the stroke is what was undone.
			return drawing === state.drawing ? state : {...state, drawing, pen: 'up', count: '', strokes: state.strokes + 1};
		}
		case 'load':
			return {...state, pen: 'up', count: '', strokes: state.strokes + 1, drawing: replaceCanvas(state.drawing, fitCanvas(action.pixels, canvasWidth(state.drawing.pixels)))};
		case 'mouse':
			return mouseReducer(state, action.event, action.at);
	}
}

function mouseReducer(state: SketchState, event: MouseEvent, at: Point | null): SketchState {
	if (event.type === 'wheel') {
		if (event.direction !== 'up' && event.direction !== 'down') return state;
		return sketchReducer(state, {type: 'brush', by: event.direction === 'up' ? 1 : -1});
	}
	const radius = brushRadius(state);
	if (event.type === 'press' && (event.button === 'left' || event.button === 'right')) {
		if (!at) return state;
		const mode: BrushMode = event.button === 'left' ? 'paint' : 'erase';
		const cursor = clampCursor(state, Math.floor(at.x), Math.floor(at.y));
		return {...state, cursor, mouse: {mode, at}, drawing: drawOn(beginStroke(state.drawing), pixels => dabInto(pixels, at, radius, mode))};
	}
	if (event.type === 'drag' && state.mouse && at) {
		const {mode, at: from} = state.mouse;
		const cursor = clampCursor(state, Math.floor(at.x), Math.floor(at.y));
		return {...state, cursor, mouse: {mode, at}, drawing: drawOn(state.drawing, pixels => lineInto(pixels, from, at, radius, mode))};
	}
	if (event.type === 'release' && state.mouse) return {...state, mouse: undefined, strokes: state.strokes + 1};
	return state;
}
