// The predicted digit in block letters, 7 rows high: each font pixel is two columns wide,
// so the 5×7 glyphs come out about square; `#` without UTF-8.

const font: Record<string, readonly string[]> = {
	'0': [' ### ', '#   #', '#  ##', '# # #', '##  #', '#   #', ' ### '],
	'1': ['  #  ', ' ##  ', '# #  ', '  #  ', '  #  ', '  #  ', '#####'],
	'2': [' ### ', '#   #', '    #', '   # ', '  #  ', ' #   ', '#####'],
	'3': ['#####', '    #', '   # ', '  ## ', '    #', '#   #', ' ### '],
	'4': ['   # ', '  ## ', ' # # ', '#  # ', '#####', '   # ', '   # '],
	'5': ['#####', '#    ', '#### ', '    #', '    #', '#   #', ' ### '],
	'6': ['  ## ', ' #   ', '#    ', '#### ', '#   #', '#   #', ' ### '],
	'7': ['#####', '    #', '   # ', '  #  ', ' #   ', ' #   ', ' #   '],
	'8': [' ### ', '#   #', '#   #', ' ### ', '#   #', '#   #', ' ### '],
	'9': [' ### ', '#   #', '#   #', ' ####', '    #', '   # ', ' ##  '],
	'?': [' ### ', '#   #', '    #', '   # ', '  #  ', '     ', '  #  '],
	' ': ['     ', '     ', '     ', '     ', '     ', '     ', '     '],
};

export const BIG_DIGIT_ROWS = 7;
export const BIG_DIGIT_COLUMNS = 10;

/** Seven lines of ten columns for one digit (or '?' / ' '). */
export function bigDigit(digit: string, ascii = false): string[] {
	const glyph = font[digit] ?? font['?']!;
	const block = ascii ? '##' : '██';
	return glyph.map(row => [...row].map(bit => (bit === '#' ? block : '  ')).join(''));
}
