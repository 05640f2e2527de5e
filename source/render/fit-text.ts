// Text that must fit a width is shortened by design: whole hints are left out, a message
// ends after a whole word with an ellipsis ("..." in ASCII), never a word cut in half.

/** The status line's key hints ("↑↓ move  Enter open  ? help"): as many whole hints as fit in `width`, the last one (help) always. */
export function fitHints(hints: ReadonlyArray<{keys: string; label: string}>, width: number): string {
	const parts = hints.map(hint => `${hint.keys} ${hint.label}`);
	const last = parts.at(-1);
	const kept = parts.slice(0, -1);
	const joined = () => [...kept, ...(last === undefined ? [] : [last])].join('  ');
	while (kept.length > 0 && joined().length > width) kept.pop();
	return joined();
}

/**
 * `text` wrapped at spaces into lines of at most `width` characters (a word longer than a line
 * is split), at most `rows` of them: text that needs more ends after the last whole word that
 * fits, with an ellipsis ("..." in ASCII).
 */
export function fitLines(text: string, width: number, rows: number, ascii = false): string[] {
	const lines: string[] = [];
	let line: string | undefined;
	// Split at single spaces: runs of spaces inside a line (between listed names) stay.
	for (const word of text.trim().split(' ')) {
		if (line !== undefined && line.length + 1 + word.length <= width) {
			line += ` ${word}`;
			continue;
		}
		if (line !== undefined) lines.push(line.trimEnd());
		let rest = word;
		while (rest.length > width) {
			lines.push(rest.slice(0, width));
			rest = rest.slice(width);
		}
		line = rest;
	}
	if (line) lines.push(line);
	if (lines.length <= rows) return lines;
	const ellipsis = ascii ? '...' : '…';
	const kept = lines.slice(0, rows);
	let last = kept[rows - 1]!;
	while (last.length + ellipsis.length > width && last.includes(' ')) last = last.slice(0, last.lastIndexOf(' '));
	// The ellipsis replaces a comma or semicolon the last word ended with.
	kept[rows - 1] = (last.length + ellipsis.length > width ? last.slice(0, width - ellipsis.length) : last.replace(/[,;:]$/, '')) + ellipsis;
	return kept;
}
