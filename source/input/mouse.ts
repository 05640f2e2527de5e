// A pure parser for SGR (1006) mouse reports: ESC [ < button ; column ; row (M press or
// motion, m release). Ink hands them to useInput as text with the ESC taken off, one
// report per input, but a slow link can cut one in two; raw chunks may hold several.
// Anything that starts like a report is consumed, so a bad one never turns into keys.

export type MouseButton = 'left' | 'middle' | 'right' | 'none';

export type MouseModifiers = {shift: boolean; meta: boolean; ctrl: boolean};

/** Cells are 0-based (the terminal counts from 1). */
export type MouseEvent =
	| ({type: 'press' | 'release' | 'drag' | 'move'; button: MouseButton; x: number; y: number} & MouseModifiers)
	| ({type: 'wheel'; direction: 'up' | 'down' | 'left' | 'right'; x: number; y: number} & MouseModifiers);

/** Button-event tracking (drags) and SGR coordinates; 1000 first for terminals without 1002. */
export const mouseOn = '\u001B[?1000h\u001B[?1002h\u001B[?1006h';
export const mouseOff = '\u001B[?1000l\u001B[?1002l\u001B[?1006l';

const buttons: readonly MouseButton[] = ['left', 'middle', 'right', 'none'];
const wheels = ['up', 'down', 'left', 'right'] as const;
// A whole report, and the start of one that may continue in the next input.
const report = /^\u001B?\[<(\d{1,4});(\d{1,5});(\d{1,5})([Mm])/;
const opening = /^\u001B?\[</;
const partial = /^\u001B?(?:\[(?:<[\d;]*)?)?$/;

/** One report's fields as an event; undefined for codes no terminal sends (e.g. buttons 8–11). */
export function mouseEvent(code: number, column: number, row: number, final: 'M' | 'm'): MouseEvent | undefined {
	if (column < 1 || row < 1 || code > 255) return undefined;
	const modifiers = {shift: (code & 4) !== 0, meta: (code & 8) !== 0, ctrl: (code & 16) !== 0};
	const x = column - 1;
	const y = row - 1;
	if (code & 128) return undefined;
	if (code & 64) return final === 'M' ? {type: 'wheel', direction: wheels[code & 3]!, x, y, ...modifiers} : undefined;
	const button = buttons[code & 3]!;
	if (code & 32) return {type: button === 'none' ? 'move' : 'drag', button, x, y, ...modifiers};
	if (final === 'm') return {type: 'release', button, x, y, ...modifiers};
	// X10-style release (button 3 with M) from terminals that ignore 1006's m.
	return button === 'none' ? {type: 'release', button, x, y, ...modifiers} : {type: 'press', button, x, y, ...modifiers};
}

/**
 * Splits text into mouse events; `rest` is the text after the last report when it is not
 * mouse input, `pending` the start of a report cut off at the end.
 */
export function parseMouse(text: string): {events: MouseEvent[]; rest: string; pending: string} {
	const events: MouseEvent[] = [];
	let rest = text;
	while (rest !== '') {
		const match = report.exec(rest);
		if (match) {
			const event = mouseEvent(Number(match[1]), Number(match[2]), Number(match[3]), match[4] as 'M' | 'm');
			if (event) events.push(event);
			rest = rest.slice(match[0].length);
			continue;
		}
		if (partial.test(rest) && opening.test(rest)) return {events, rest: '', pending: rest};
		if (!opening.test(rest)) break;
		// Malformed: drop it, up to the next report or the end of what could be one.
		const next = rest.slice(1).search(/\u001B?\[</);
		rest = rest.slice(next === -1 ? /^\u001B?\[<[\d;]*[\x20-\x7E]?/.exec(rest)![0].length : next + 1);
	}
	return {events, rest, pending: ''};
}

export type MouseReader = {
	/**
	 * The events in one input, or undefined when the input is not mouse input (a key).
	 * A report cut in two is kept until the next input completes it; text after the
	 * reports in the same input is dropped (Ink sends each report as an input of its own).
	 */
	read: (input: string) => MouseEvent[] | undefined;
};

export function createMouseReader(): MouseReader {
	let pending = '';
	return {
		read(input) {
			if (pending !== '') {
				const joined = pending + input;
				pending = '';
				if (report.test(joined) || partial.test(joined)) return parseAll(joined);
				// Not a continuation: the cut-off start is dropped and the input stands alone.
			}
			return opening.test(input) ? parseAll(input) : undefined;
		},
	};

	function parseAll(text: string): MouseEvent[] {
		const parsed = parseMouse(text);
		pending = parsed.pending;
		return parsed.events;
	}
}
