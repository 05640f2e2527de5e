// Every key of the current screen, generated from its keymap (the same table the gate uses).
import {Box, Text} from 'ink';
import type {HelpRow} from '../input/keymap.js';
import {useTheme} from './theme-context.js';

export function HelpOverlay({title, rows, width}: {title: string; rows: HelpRow[]; width: number}) {
	const theme = useTheme();
	const keyWidth = Math.min(Math.max(...rows.map(row => row.keys.length)) + 2, 24);
	return (
		<Box flexDirection="column" width={width} flexGrow={1} paddingX={1}>
			<Text bold color={theme.color('accent')}>
				Keys: {title}
			</Text>
			<Text> </Text>
			{rows.map(row => (
				<Box key={row.keys + row.help}>
					<Box width={keyWidth} flexShrink={0}>
						<Text bold>{row.keys}</Text>
					</Box>
					<Text wrap="wrap">{row.help}</Text>
				</Box>
			))}
			<Text> </Text>
			<Text color={theme.color('muted')}>Esc or ? closes this help</Text>
		</Box>
	);
}
