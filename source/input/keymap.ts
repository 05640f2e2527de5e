// Every key of the app, declared once: the input gate matches keys against these tables,
// and the help overlay and the status line are generated from them.

/** A key by name: 'up', 'return', 'escape', 'shift+tab', 'ctrl+c', or a printable character. */
export type KeyName = string;

export type Binding = {
	readonly command: string;
	readonly keys: readonly KeyName[];
	/** Absent: the binding shares the help row of the one before it (one row for ←↓↑→, say). */
	readonly help?: string;
	/** Shown in the status line: the label, and the keys when they differ from the binding's first. */
	readonly hint?: string | {readonly label: string; readonly keys: string};
};

const digits = ['1', '2', '3', '4', '5', '6', '7'] as const;

/** The keys once a run is over; a run that left a model adds `e` (trainDone), one that did not has just these. */
const afterRun = [
	{command: 'home', keys: ['return', 'escape', 'q'], help: 'back to the menu', hint: 'home'},
	{command: 'again', keys: ['t'], help: 'train another model', hint: 'train'},
] as const;

export const keymaps = {
	global: [
		{command: 'quit', keys: ['ctrl+c'], help: 'quit from anywhere (training keeps its finished epochs)'},
		{command: 'help', keys: ['?'], help: 'show or hide this help', hint: 'help'},
	],
	home: [
		{command: 'up', keys: ['up', 'k'], help: 'previous item', hint: {label: 'move', keys: '↑↓'}},
		{command: 'down', keys: ['down', 'j'], help: 'next item'},
		{command: 'open', keys: ['return'], help: 'open the selected item', hint: 'open'},
		{command: 'choose', keys: digits, help: 'open an item by its number'},
		{command: 'quit', keys: ['q'], help: 'quit', hint: 'quit'},
	],
	help: [{command: 'close', keys: ['escape', '?', 'q', 'return'], help: 'close the help', hint: 'close'}],
	trainForm: [
		{command: 'up', keys: ['up', 'k', 'shift+tab'], help: 'previous field', hint: {label: 'move', keys: '↑↓'}},
		{command: 'down', keys: ['down', 'j', 'tab'], help: 'next field'},
		{command: 'edit', keys: ['return'], help: 'edit the field (on "start training": start)', hint: 'edit'},
		{command: 'previousChoice', keys: ['left', 'h'], help: 'previous choice (the preset, the model to teach)'},
		{command: 'nextChoice', keys: ['right', 'l', 'space'], help: 'next choice'},
		{command: 'start', keys: ['s'], help: 'start training with these settings', hint: 'start'},
		{command: 'reset', keys: ['r'], help: 'put back the defaults of `digits train`'},
		{command: 'back', keys: ['escape', 'q'], help: 'back to the menu', hint: 'back'},
	],
	trainField: [
		{command: 'done', keys: ['return'], help: 'keep the value and leave the field', hint: 'done'},
		{command: 'leave', keys: ['escape'], help: 'leave the field (a second Esc goes back)', hint: 'leave'},
		{command: 'next', keys: ['tab', 'down'], help: 'next field'},
		{command: 'previous', keys: ['shift+tab', 'up'], help: 'previous field'},
		{command: 'erase', keys: ['backspace'], help: 'delete the last character'},
		{command: 'clear', keys: ['ctrl+u'], help: 'clear the field'},
	],
	training: [
		{command: 'stop', keys: ['escape', 'q'], help: 'stop training (asks first; the last finished epoch is kept)', hint: 'stop'},
	],
	stopConfirm: [
		{command: 'yes', keys: ['y', 'return'], help: 'stop at the next batch and keep the last finished epoch', hint: 'stop'},
		{command: 'no', keys: ['n', 'escape'], help: 'go on training', hint: 'go on'},
	],
	startConfirm: [
		{command: 'yes', keys: ['y', 'return'], help: 'start training on the whole training set', hint: 'start'},
		{command: 'no', keys: ['n', 'escape'], help: 'back to the form (images: train on fewer)', hint: 'back'},
	],
	trainDone: [
		{command: 'evaluate', keys: ['e'], help: 'evaluate the new model on the test images', hint: 'evaluate'},
		...afterRun,
	],
	trainEnded: afterRun,
	evaluate: [
		{command: 'view', keys: ['tab'], help: 'next view: matrix, report, confused pairs, mistakes (a big window shows several at once)', hint: 'views'},
		{command: 'previousView', keys: ['shift+tab'], help: 'previous view'},
		{command: 'choose', keys: ['1', '2', '3', '4'], help: 'open a view by its number'},
		{command: 'up', keys: ['up', 'k'], help: 'previous confused pair'},
		{command: 'down', keys: ['down', 'j'], help: 'next confused pair'},
		{command: 'open', keys: ['return'], help: 'show the test images of the selected confused pair'},
		{command: 'all', keys: ['a'], help: 'show all misclassified digits again'},
		{command: 'nextPage', keys: ['right', 'l', 'pagedown', 'n'], help: 'next page of misclassified digits'},
		{command: 'previousPage', keys: ['left', 'h', 'pageup', 'p'], help: 'previous page of misclassified digits'},
		{command: 'sort', keys: ['s'], help: 'sort the mistakes by confidence (most confident first) or by test-set order'},
		{command: 'write', keys: ['w'], help: 'write the PNG report (history, matrix, examples, report.md) into reports/<model>/', hint: 'report'},
		{command: 'back', keys: ['escape', 'q'], help: 'back to the menu', hint: 'back'},
	],
	examples: [
		{command: 'draw', keys: ['space', 'r', 'return'], help: 'draw new random test digits', hint: {label: 'new draw', keys: 'Space'}},
		{command: 'back', keys: ['escape', 'q'], help: 'back to the menu', hint: 'back'},
	],
	modelInfo: [
		{command: 'up', keys: ['up', 'k'], help: 'scroll the layer table (small windows)', hint: {label: 'scroll', keys: '↑↓'}},
		{command: 'down', keys: ['down', 'j']},
		{command: 'pageUp', keys: ['pageup'], help: 'scroll the layer table by a page'},
		{command: 'pageDown', keys: ['pagedown']},
		{command: 'view', keys: ['tab'], help: 'switch between the architecture and the training history (small windows)', hint: 'views'},
		{command: 'models', keys: ['m'], help: 'choose the model for this session (Sketch, Load image, Examples, Evaluate)', hint: 'models'},
		{command: 'back', keys: ['escape', 'q'], help: 'back to the menu'},
	],
	modelPicker: [
		{command: 'up', keys: ['up', 'k'], help: 'previous model', hint: {label: 'move', keys: '↑↓'}},
		{command: 'down', keys: ['down', 'j'], help: 'next model'},
		{command: 'use', keys: ['return'], help: 'use the model in this session (`digits models --use NAME` sets the default)', hint: 'use'},
		{command: 'close', keys: ['escape', 'q', 'm'], help: 'back to the model info', hint: 'back'},
	],
	sketch: [
		{command: 'moveLeft', keys: ['left', 'h'], help: 'move the cursor (a number first: that many pixels)', hint: {label: 'move', keys: 'hjkl'}},
		{command: 'moveDown', keys: ['down', 'j']},
		{command: 'moveUp', keys: ['up', 'k']},
		{command: 'moveRight', keys: ['right', 'l']},
		{command: 'moveUpLeft', keys: ['y'], help: 'move diagonally: up-left, up-right, down-left, down-right'},
		{command: 'moveUpRight', keys: ['u']},
		{command: 'moveDownLeft', keys: ['b']},
		{command: 'moveDownRight', keys: ['n']},
		{command: 'jumpLeft', keys: ['H', 'shift+left'], help: 'move the cursor 4 pixels'},
		{command: 'jumpDown', keys: ['J', 'shift+down']},
		{command: 'jumpUp', keys: ['K', 'shift+up']},
		{command: 'jumpRight', keys: ['L', 'shift+right']},
		{command: 'count', keys: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], help: 'a count for the next move (5l: five pixels right)'},
		{command: 'dab', keys: ['space'], help: 'paint one dab (mouse: press and drag the left button)', hint: 'paint'},
		{command: 'pen', keys: ['p'], help: 'pen down: paint while moving (p again lifts it)', hint: 'pen'},
		{command: 'erase', keys: ['x'], help: 'erase a dab; e toggles the eraser (mouse: right button)'},
		{command: 'eraser', keys: ['e']},
		{command: 'smallerBrush', keys: ['['], help: 'smaller or bigger brush (mouse: the wheel)'},
		{command: 'biggerBrush', keys: [']']},
		{command: 'clear', keys: ['c'], help: 'clear the canvas'},
		{command: 'undo', keys: ['z'], help: 'undo the last stroke, or redo it', hint: 'undo'},
		{command: 'redo', keys: ['ctrl+r']},
		{command: 'predict', keys: ['return'], help: 'predict now'},
		{command: 'save', keys: ['s'], help: 'save as digit-<date-time>.png here (number mode: number-)'},
		{command: 'open', keys: ['o'], help: 'open an image into the canvas (Tab completes its path)'},
		{command: 'mode', keys: ['m'], help: 'number mode: read a whole number (m again: one digit)', hint: 'number'},
		{command: 'sample', keys: ['t'], help: 'then a digit: save the sketch as a sample of that digit'},
		{command: 'back', keys: ['escape', 'q'], help: 'back to the menu'},
	],
	sampleDigit: [
		{command: 'digit', keys: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], help: 'save the picture as a sample of this digit', hint: {label: 'its digit', keys: '0-9'}},
		{command: 'cancel', keys: ['escape'], help: 'save nothing', hint: 'cancel'},
	],
	sketchField: [
		{command: 'complete', keys: ['tab'], help: 'complete the file or folder name (several matches: they are listed)', hint: 'complete'},
		{command: 'done', keys: ['return'], help: 'open the file', hint: 'open'},
		{command: 'leave', keys: ['escape'], help: 'leave the field', hint: 'cancel'},
		{command: 'erase', keys: ['backspace'], help: 'delete the last character'},
		{command: 'clear', keys: ['ctrl+u'], help: 'clear the field'},
	],
	loadImage: [
		{command: 'up', keys: ['up', 'k'], help: 'previous file or folder', hint: {label: 'move', keys: '↑↓'}},
		{command: 'down', keys: ['down', 'j'], help: 'next file or folder'},
		{command: 'pageUp', keys: ['pageup'], help: 'a page up or down the list'},
		{command: 'pageDown', keys: ['pagedown']},
		{command: 'first', keys: ['home'], help: 'the first or the last entry of the list'},
		{command: 'last', keys: ['end']},
		{command: 'open', keys: ['return', 'right', 'l'], help: 'open the folder, or read the image file', hint: 'open'},
		{command: 'parent', keys: ['backspace', 'left', 'h'], help: 'up one folder (from the recent files: back to the folder)'},
		{command: 'type', keys: ['tab', 'o'], help: 'type a path (Tab completes it, ~ is your home folder)', hint: 'path'},
		{command: 'recent', keys: ['r'], help: 'show the recently opened files (r again: the folder)', hint: 'recent'},
		{command: 'number', keys: ['m'], help: 'read the picture as one digit or as a number (several digits: a number at first)', hint: 'number'},
		{command: 'sample', keys: ['t'], help: 'then a digit: save the open picture as a sample of that digit'},
		{command: 'back', keys: ['escape', 'q'], help: 'back to the menu'},
	],
	loadImageField: [
		{command: 'complete', keys: ['tab'], help: 'complete the file or folder name (several matches: they are listed)', hint: 'complete'},
		{command: 'done', keys: ['return'], help: 'read the image file, or show the folder in the list', hint: 'open'},
		{command: 'leave', keys: ['escape'], help: 'leave the field (a second Esc goes back)', hint: 'leave'},
		{command: 'erase', keys: ['backspace'], help: 'delete the last character'},
		{command: 'clear', keys: ['ctrl+u'], help: 'clear the field'},
	],
	tooSmall: [{command: 'quit', keys: ['q'], help: 'quit', hint: 'quit'}],
} as const satisfies Record<string, readonly Binding[]>;

export type KeymapName = keyof typeof keymaps;

/** The help overlay's title for each keymap. */
export const keymapTitles: Record<KeymapName, string> = {
	global: 'everywhere',
	home: 'home',
	help: 'help',
	trainForm: 'training form',
	trainField: 'editing a field',
	training: 'training',
	stopConfirm: 'stop training?',
	startConfirm: 'start training?',
	trainDone: 'training finished',
	trainEnded: 'training ended',
	evaluate: 'evaluate',
	examples: 'examples',
	modelInfo: 'model info',
	modelPicker: 'choose a model',
	sketch: 'sketch pad',
	sampleDigit: 'which digit is it?',
	sketchField: 'open an image',
	loadImage: 'load image',
	loadImageField: 'typing a path',
	tooSmall: 'window too small',
};
export type CommandOf<Name extends KeymapName> = (typeof keymaps)[Name][number]['command'];

/** What Ink reports for a key press, reduced to the fields we read. */
export type KeyPress = {
	upArrow?: boolean;
	downArrow?: boolean;
	leftArrow?: boolean;
	rightArrow?: boolean;
	return?: boolean;
	escape?: boolean;
	tab?: boolean;
	shift?: boolean;
	ctrl?: boolean;
	meta?: boolean;
	backspace?: boolean;
	delete?: boolean;
	pageUp?: boolean;
	pageDown?: boolean;
	home?: boolean;
	end?: boolean;
};

/** Ink's (input, key) as one name; undefined for what no binding can name (e.g. a paste). */
export function keyName(input: string, key: KeyPress): KeyName | undefined {
	if (key.ctrl && input.length === 1) return `ctrl+${input.toLowerCase()}`;
	const shift = key.shift ? 'shift+' : '';
	if (key.upArrow) return `${shift}up`;
	if (key.downArrow) return `${shift}down`;
	if (key.leftArrow) return `${shift}left`;
	if (key.rightArrow) return `${shift}right`;
	if (key.pageUp) return 'pageup';
	if (key.pageDown) return 'pagedown';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.return) return 'return';
	if (key.escape) return 'escape';
	if (key.tab) return key.shift ? 'shift+tab' : 'tab';
	// Most terminals send DEL (0x7f) for Backspace, which Ink calls "delete".
	if (key.backspace || key.delete) return 'backspace';
	if (input === ' ') return 'space';
	if ([...input].length === 1) return input;
	return undefined;
}

/**
 * Whether Ink handed over several keys as one input. Keys typed quickly, or sent by tmux or
 * over a slow SSH link, can arrive in one read ("jj\r"); Ink passes such a chunk as one
 * input, which would otherwise match no key at all.
 */
export function isKeyBurst(input: string, key: KeyPress): boolean {
	const special = key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.return || key.escape || key.tab || key.backspace || key.delete || key.pageUp || key.pageDown || key.home || key.end || key.ctrl || key.meta;
	return !special && [...input].length > 1;
}

const controlKeys: Record<string, [string, KeyPress]> = {
	'\r': ['', {return: true}],
	'\n': ['', {return: true}],
	'\t': ['', {tab: true}],
	'\b': ['', {backspace: true}],
	'\u007F': ['', {backspace: true}],
	'\u0003': ['c', {ctrl: true}],
	'\u0012': ['r', {ctrl: true}],
	'\u0015': ['u', {ctrl: true}],
};

/**
 * Takes the next key off the front of a burst: one character, or with `wholeText` the
 * run of printable characters up to the next control key (a paste into a text field).
 * Control characters that name no key are dropped.
 */
export function nextKey(burst: string, wholeText: boolean): {input: string; key: KeyPress; rest: string} | undefined {
	let rest = burst;
	while (rest !== '') {
		const first = [...rest][0]!;
		const control = controlKeys[first];
		if (control) return {input: control[0], key: control[1], rest: rest.slice(first.length)};
		if (first >= ' ') {
			const text = wholeText ? /^[^\u0000-\u001F\u007F]+/u.exec(rest)![0] : first;
			return {input: text, key: {shift: text.length === 1 && text !== text.toLowerCase()}, rest: rest.slice(text.length)};
		}
		rest = rest.slice(first.length);
	}
	return undefined;
}

/** The command a key runs in a keymap, if any; keys of screens still to come run nothing. */
export function commandFor(bindings: readonly Binding[], name: KeyName): Binding | undefined {
	const found = bindings.find(binding => binding.keys.includes(name));
	// Shift+arrow does what the arrow does where it has no binding of its own.
	return found ?? (/^shift\+(up|down|left|right)$/.test(name) ? commandFor(bindings, name.slice(6)) : undefined);
}

const keyLabels: Record<string, readonly [unicode: string, ascii: string]> = {
	up: ['↑', 'Up'],
	down: ['↓', 'Down'],
	left: ['←', 'Left'],
	right: ['→', 'Right'],
	'shift+up': ['⇧↑', 'Shift-Up'],
	'shift+down': ['⇧↓', 'Shift-Down'],
	'shift+left': ['⇧←', 'Shift-Left'],
	'shift+right': ['⇧→', 'Shift-Right'],
	return: ['Enter', 'Enter'],
	escape: ['Esc', 'Esc'],
	tab: ['Tab', 'Tab'],
	'shift+tab': ['Shift-Tab', 'Shift-Tab'],
	backspace: ['Backspace', 'Backspace'],
	space: ['Space', 'Space'],
	pageup: ['PgUp', 'PgUp'],
	pagedown: ['PgDn', 'PgDn'],
	home: ['Home', 'Home'],
	end: ['End', 'End'],
};

export function keyLabel(name: KeyName, ascii = false): string {
	const known = keyLabels[name];
	if (known) return ascii ? known[1] : known[0];
	if (name.startsWith('ctrl+')) return `Ctrl-${name.slice(5).toUpperCase()}`;
	return name;
}

/** "1–7" ("1-7" in ASCII) for a run of digits, else the keys joined with "/". */
export function keysLabel(keys: readonly KeyName[], ascii = false): string {
	if (keys.length > 2 && keys.every(key => /^\d$/.test(key))) return `${keys[0]}${ascii ? '-' : '–'}${keys.at(-1)}`;
	return keys.map(key => keyLabel(key, ascii)).join('/');
}

export type HelpRow = {keys: string; help: string};

/** The keys of some commands that apply now, by command: the view numbers that exist at a window size, say. */
export type KeysInUse = Readonly<Partial<Record<string, readonly KeyName[]>>>;

/** The help overlay's rows: the screen's keys (those `inUse` narrows, as narrowed), then the keys that work everywhere. */
export function helpRows(name: KeymapName, ascii = false, inUse: KeysInUse = {}): HelpRow[] {
	const own: readonly Binding[] = keymaps[name];
	const global: readonly Binding[] = name === 'global' ? [] : keymaps.global;
	const rows: Array<{bindings: Binding[]; help: string}> = [];
	for (const binding of [...own, ...global]) {
		if (binding.help === undefined) rows.at(-1)?.bindings.push(binding);
		else rows.push({bindings: [binding], help: binding.help});
	}
	const narrowed = (binding: Binding): Binding => {
		const keys = inUse[binding.command];
		return keys ? {...binding, keys: binding.keys.filter(key => keys.includes(key))} : binding;
	};
	return rows.flatMap(row => {
		const keys = rowKeys(row.bindings.map(narrowed));
		return keys.length === 0 ? [] : [{keys: keysLabel(keys, ascii), help: row.help}];
	});
}

/** A shared row's keys by kind: each binding's first key, then each one's second (←/↓/↑/→/h/j/k/l). */
function rowKeys(bindings: readonly Binding[]): KeyName[] {
	const most = Math.max(...bindings.map(binding => binding.keys.length));
	return Array.from({length: most}, (_, index) => bindings.flatMap(binding => binding.keys[index] ?? [])).flat();
}

export type Hint = {keys: string; label: string};

/** The keymaps of text fields: there `?` and `q` are typed, so the global keys are not offered. */
const textFieldKeymaps: ReadonlySet<KeymapName> = new Set(['trainField', 'sketchField', 'loadImageField']);

/** The status line's short list of a screen's main keys. */
export function hints(name: KeymapName, {ascii = false} = {}): Hint[] {
	const own: readonly Binding[] = keymaps[name];
	const global: readonly Binding[] = keymaps.global;
	const all = name === 'help' || textFieldKeymaps.has(name) ? own : [...own, ...global];
	return all.flatMap(binding => {
		if (!binding.hint) return [];
		if (typeof binding.hint === 'string') return [{keys: keyLabel(binding.keys[0]!, ascii), label: binding.hint}];
		return [{keys: ascii ? binding.hint.keys.replace('↑↓', 'Up/Down') : binding.hint.keys, label: binding.hint.label}];
	});
}
