// One line of tone-tagged cells from a pure renderer, drawn with the theme's colors.
import {Text} from 'ink';
import type {Line} from '../render/cells.js';
import {useTheme} from './theme-context.js';

export function CellLine({line}: {line: Line}) {
	const theme = useTheme();
	return (
		<Text wrap="truncate-end">
			{line.length === 0
				? ' '
				: line.map((cell, index) => (
						<Text key={index} color={theme.color(cell.tone)} bold={cell.tone === 'accent'}>
							{cell.text}
						</Text>
					))}
		</Text>
	);
}

/** Several lines in one text node: one layout node and one write per frame instead of one per line. */
export function CellBlock({lines}: {lines: Line[]}) {
	const theme = useTheme();
	return (
		<Text>
			{lines.map((line, row) => (
				<Text key={row}>
					{row > 0 ? '\n' : ''}
					{line.map((cell, index) => (
						<Text key={index} color={theme.color(cell.tone)} bold={cell.tone === 'accent'}>
							{cell.text}
						</Text>
					))}
				</Text>
			))}
		</Text>
	);
}
