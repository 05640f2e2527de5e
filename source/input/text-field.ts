// The edits every one-line text field takes: printable keys are typed in, Backspace deletes
// the last character, Ctrl-U clears the field (see the field keymaps).

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
