// Lines of colored segments from a pixel renderer (a digit, the sketch canvas), drawn as-is.
// Each line is one string with its color codes: hundreds of one-cell <Text> pieces would
// make every redraw (each cursor step on the sketch pad) several times slower.
import {Box, Text} from 'ink';
import {digitLinesToAnsi, type DigitLine} from '../render/digit.js';

export function PixelLines({lines}: {lines: DigitLine[]}) {
	return (
		<Box flexDirection="column" flexShrink={0}>
			{digitLinesToAnsi(lines).map((line, row) => (
				<Text key={row} wrap="truncate-end">
					{line}
				</Text>
			))}
		</Box>
	);
}
