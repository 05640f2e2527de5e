// The Load image screen's list (a folder's entries or the recent files): a title, then as
// many entries as fit (and where the selected one is, when not all fit), the selected one
// marked (inverse while the list has focus, › always).
import {Box, Text} from 'ink';
import type {Tone} from '../render/cells.js';
import {listWindow} from '../render/load-image.js';
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
	return (
		<Box flexDirection="column" width={width} flexShrink={0}>
			<Text color={theme.color('accent')} wrap="truncate-start">
				{title}
				{items.length > rows && <Text color={theme.color('muted')}>{` ${selected + 1}/${items.length}`}</Text>}
			</Text>
			<Box flexDirection="column" height={rows}>
				{items.length === 0 && <Text color={theme.color('muted')}>{empty}</Text>}
				{shown.map((item, index) => {
					const isSelected = first + index === selected;
					return (
						<Text key={first + index} wrap="truncate-end">
							<Text color={theme.color('accent')}>{isSelected ? marker : '  '}</Text>
							<Text color={theme.color(item.tone)} inverse={isSelected && focused}>
								{item.label}
							</Text>
						</Text>
					);
				})}
			</Box>
		</Box>
	);
}
