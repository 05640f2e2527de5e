// Lines of colored segments from a pixel renderer (a digit, the sketch canvas), drawn as-is.
import {Box, Text} from 'ink';
import type {DigitLine} from '../render/digit.js';

export function PixelLines({lines}: {lines: DigitLine[]}) {
	return (
		<Box flexDirection="column" flexShrink={0}>
			{lines.map((line, row) => (
				<Text key={row} wrap="truncate-end">
					{line.map((segment, index) => (
						<Text key={index} color={segment.fg} backgroundColor={segment.bg}>
							{segment.text}
						</Text>
					))}
				</Text>
			))}
		</Box>
	);
}
