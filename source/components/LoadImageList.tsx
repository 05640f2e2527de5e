// The Load image screen's list (a folder's entries or the recent files): a title, then as
// many entries as fit (and where the selected one is, when not all fit), the selected one
// marked (inverse while the list has focus, › always).
import {Box, Text} from 'ink';
import type {Tone} from '../render/cells.js';
import {keepEnd, keepEnds, listWindow} from '../render/load-image.js';
import {useTheme} from './theme-context.js';

export type ListItem = {label: string; tone: Tone};

export type LoadImageListProps = {
	title: string;
	items: ListItem[];
	selected: number;
	/** Rows for the entries (the title not included). */
	rows: number;
	width: number;
	focused: boolean;
	/** What an empty list says. */
	empty: string;
};

export function LoadImageList({title, items, selected, rows, width, focused, empty}: LoadImageListProps) {
	const theme = useTheme();
	const first = listWindow(selected, items.length, rows);
	const shown = items.slice(first, first + rows);
	const marker = theme.ascii ? '> ' : '› ';
	const position = items.length > rows ? ` ${selected + 1}/${items.length}` : '';
	// Shortened here, with "..." in ASCII: Ink would cut them with "…".
	const shownTitle = keepEnd(title, width - position.length, theme.ascii);
	return (
		<Box flexDirection="column" width={width} flexShrink={0}>
			<Text color={theme.color('accent')}>
				{shownTitle}
				{position && <Text color={theme.color('muted')}>{position}</Text>}
			</Text>
			<Box flexDirection="column" height={rows}>
				{items.length === 0 && <Text color={theme.color('muted')}>{empty}</Text>}
				{shown.map((item, index) => {
					const isSelected = first + index === selected;
					return (
						<Text key={first + index}>
							<Text color={theme.color('accent')}>{isSelected ? marker : '  '}</Text>
							<Text color={theme.color(item.tone)} inverse={isSelected && focused}>
								{keepEnds(item.label, width - marker.length, theme.ascii)}
							</Text>
						</Text>
					);
				})}
			</Box>
		</Box>
	);
}
