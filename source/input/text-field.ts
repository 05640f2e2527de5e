// The edits every one-line text field takes: printable keys are typed in, Backspace deletes
// the last character, Ctrl-U clears the field (see the field keymaps); and what Tab in a
// path field says.

export type FieldEdit = {type: 'type'; text: string} | {type: 'erase'} | {type: 'clear'};

export function editField(text: string, edit: FieldEdit): string {
	switch (edit.type) {
		case 'type':
			return text + edit.text;
		case 'erase':
			return text.slice(0, -1);
		case 'clear':
			return '';
	}
}

/** The field keymaps' erase and clear commands and the field's printable keys, each handed to `apply` as an edit. */
export function fieldEdits(apply: (edit: FieldEdit) => void): {handlers: {erase: () => void; clear: () => void}; onText: (text: string) => void} {
	return {handlers: {erase: () => apply({type: 'erase'}), clear: () => apply({type: 'clear'})}, onText: text => apply({type: 'type', text})};
}

export type CompletionMessage = {text: string; tone: 'muted'};

/**
 * What Tab in a path field says: nothing after one match (the field shows it), the matches
 * after several, why none after none (`typed` is the field's text before Tab).
 */
export function completionMessage(typed: string, matches: readonly string[]): CompletionMessage | undefined {
	if (matches.length === 1) return undefined;
	if (matches.length > 1) return {text: `${matches.length} matches: ${matches.join('  ')}`, tone: 'muted'};
	const start = typed.slice(typed.lastIndexOf('/') + 1);
	return {text: start === '' ? 'no files or folders there' : `no file or folder there starts with "${start}"`, tone: 'muted'};
}
