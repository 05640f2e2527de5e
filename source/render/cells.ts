// Rendered text that still knows what each piece means: components map tones to colors
// (theme.ts), so pure renderers never write color codes themselves.

export type Tone = 'plain' | 'muted' | 'accent' | 'ok' | 'bad' | 'warn' | 'curve' | 'train' | 'validation';

export type Cell = {text: string; tone: Tone};
export type Line = Cell[];

export function plainText(line: Line): string {
	return line.map(cell => cell.text).join('');
}

/** Joins neighbouring cells of the same tone, so a component draws few <Text> pieces. */
export function mergeCells(cells: readonly Cell[]): Line {
	const merged: Line = [];
	for (const cell of cells) {
		const last = merged.at(-1);
		if (last && last.tone === cell.tone) last.text += cell.text;
		else if (cell.text !== '') merged.push({...cell});
	}
	return merged;
}
