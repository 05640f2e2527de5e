// Text for terminals without UTF-8: the few typographic characters the screens use, in ASCII.
const replacements: Record<string, string> = {'·': '-', '–': '-', '…': '...', '→': '->', '←': '<-', '✓': 'ok', '›': '>'};

export function asciiText(text: string, ascii: boolean): string {
	return ascii ? text.replace(/[·–…→←✓›]/g, character => replacements[character]!) : text;
}
