// The home menu: numbered items, the selected one marked (inverse, and › without color);
// items that cannot open say why.
import {Box, Text} from 'ink';
import {useTheme} from './theme-context.js';

export type MenuEntry = {label: string; description: string; disabled?: string};

export function Menu({items, selected}: {items: MenuEntry[]; selected: number}) {
	const theme = useTheme();
	return (
		<Box flexDirection="column">
			{items.map((item, index) => {
				const isSelected = index === selected;
				return (
					<Box key={item.label}>
						<Text color={theme.color('accent')}>{isSelected ? (theme.ascii ? '> ' : '› ') : '  '}</Text>
						<Text inverse={isSelected} dimColor={Boolean(item.disabled)}>
							{` ${index + 1}  ${item.label.padEnd(11)}`}
						</Text>
						<Text color={theme.color(item.disabled ? 'muted' : 'plain')} wrap="truncate-end">
							{'  '}
							{item.disabled ?? item.description}
						</Text>
					</Box>
				);
			})}
		</Box>
	);
}
