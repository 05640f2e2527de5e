// Numbers three rows tall in block characters (a seven-segment look), for the one figure a
// screen leads with; ASCII mode draws the same shapes with # and -.

const glyphs: Record<string, readonly [string, string, string]> = {
	'0': ['█▀█', '█ █', '▀▀▀'],
	'1': ['▀█ ', ' █ ', '▀▀▀'],
	'2': ['▀▀█', '█▀▀', '▀▀▀'],
	'3': ['▀▀█', ' ▀█', '▀▀▀'],
	'4': ['█ █', '▀▀█', '  ▀'],
	'5': ['█▀▀', '▀▀█', '▀▀▀'],
	'6': ['█▀▀', '█▀█', '▀▀▀'],
	'7': ['▀▀█', '  █', '  ▀'],
	'8': ['█▀█', '█▀█', '▀▀▀'],
	'9': ['█▀█', '▀▀█', '▀▀▀'],
	'.': [' ', ' ', '▀'],
	'%': ['▀ ▄', '▄▀ ', '▀ ▄'],
	' ': [' ', ' ', ' '],
};

const asciiOf: Record<string, string> = {'█': '#', '▀': '"', '▄': '_'};

/** Three lines of equal width; characters without a glyph are left out. */
export function bigText(text: string, {ascii = false}: {ascii?: boolean} = {}): [string, string, string] {
	const rows: [string, string, string] = ['', '', ''];
	for (const character of text) {
		const glyph = glyphs[character];
		if (!glyph) continue;
		glyph.forEach((row, index) => (rows[index] += (rows[index] ? ' ' : '') + row));
	}
	return ascii ? (rows.map(row => row.replace(/[█▀▄]/g, block => asciiOf[block]!)) as [string, string, string]) : rows;
}
