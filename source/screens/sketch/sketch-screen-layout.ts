// What the sketch pad shows around the canvas, as plain values: where the parts go
// (sketch/layout.ts), the title line's brush, pen, cursor and count, how the cursor looks on
// the canvas, and the mouse hint. Pure, so it is tested without Ink.
import type {Tone} from '../../render/cells.js';
import {fitLines} from '../../render/fit-text.js';
import {brushRadii, canvasWidth} from '../../sketch/canvas.js';
import {numberFits, numberLayout, sketchLayout, type SketchLayout} from '../../sketch/layout.js';
import type {Pen, SketchState} from '../../sketch/sketch-state.js';
import {imageSide} from '../../digit-size.js';
import type {SketchMode} from './sketch-screen-state.js';

export type SketchScreenLayout = {
	pad: SketchLayout;
	/** ●●●···: one dot per brush size, filled up to the one in use. */
	brush: string;
	pen: string;
	/** The pen's tone, which is the cursor's color on the canvas too. */
	penTone: Tone;
	/** The cursor on a canvas without color: o pen up, p painting, x erasing. */
	cursorLetter: string;
	/** The cursor's pixel, "13,13". */
	position: string;
	/** The count typed so far ("5…"); empty when none. */
	count: string;
	mouseHint: string;
};

// The title, the canvas in its border, the row of digits under it.
const NUMBER_ROWS_ABOVE = 1 + imageSide / 2 + 2 + 1;

const pens: Record<Pen, readonly [label: string, tone: Tone, letter: string]> = {
	up: ['pen up', 'accent', 'o'],
	paint: ['pen down', 'ok', 'p'],
	erase: ['eraser down', 'bad', 'x'],
};

/** The layout for a screen area of `width` × `height` (the status line not included). */
export function sketchScreenLayout(state: SketchState, width: number, height: number, ascii: boolean, mode: SketchMode = 'digit'): SketchScreenLayout {
	const pixelsAcross = canvasWidth(state.drawing.pixels);
	const [filled, open] = ascii ? ['o', '.'] : ['●', '·'];
	const [pen, penTone, cursorLetter] = pens[state.pen];
	return {
		pad: mode === 'number' ? numberLayout(pixelsAcross, width) : sketchLayout(width, height),
		brush: brushRadii.map((_, size) => (size <= state.brush ? filled : open)).join(''),
		pen,
		penTone,
		cursorLetter,
		position: `${state.cursor.x},${state.cursor.y}`,
		count: state.count === '' ? '' : `${state.count}${ascii ? '...' : '…'}`,
		mouseHint: ['mouse: drag to paint', 'right button erases', 'wheel: brush'].join(ascii ? ' - ' : ' · '),
	};
}

/** Number mode's room: whether the window holds the canvas, and the rows under it and its row of digits. */
export function numberRoom(state: SketchState, width: number, height: number): {fits: boolean; rows: number} {
	return {fits: numberFits(canvasWidth(state.drawing.pixels), width, height), rows: Math.max(0, height - NUMBER_ROWS_ABOVE)};
}

/**
 * The two rows under the canvas when no path is being typed: a message (saved, could not
 * open…) wraps over both, ending after a whole word if it needs more; the mouse hint takes
 * the second row when the message leaves it free (`hint`), and both when there is none.
 */
export function messageRows(message: string | undefined, width: number, mouseHint: string, ascii: boolean): {message: string; second: string; hint: boolean} {
	const [first = ' ', second] = message === undefined ? [] : fitLines(message, width, 2, ascii);
	return {message: first, second: second ?? mouseHint, hint: second === undefined};
}
