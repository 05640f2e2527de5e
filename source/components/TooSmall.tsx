// Shown instead of any screen when the window is below 80×24: no broken picture.
import {Box, Text} from 'ink';
import {useTheme} from './theme-context.js';

export const minimumSize = {columns: 80, rows: 24} as const;

export function TooSmall({columns, rows}: {columns: number; rows: number}) {
	const theme = useTheme();
	const times = theme.ascii ? 'x' : '×';
	return (
		<Box width={columns} height={Math.max(rows - 1, 1)} flexDirection="column" alignItems="center" justifyContent="center">
			<Text wrap="wrap">
				make the window at least {minimumSize.columns}
				{times}
				{minimumSize.rows} (now {columns}
				{times}
				{rows})
			</Text>
			<Text color={theme.color('muted')} wrap="truncate-end">
				q quits, Ctrl-C quits from anywhere
			</Text>
		</Box>
	);
}
