// Home: the menu. Arrows, j/k and Enter, or an item's number.
import {Box, Text} from 'ink';
import {useState} from 'react';
import {Menu} from '../../components/Menu.js';
import {useTheme} from '../../components/theme-context.js';
import {useKeymap} from '../../hooks/use-keymap.js';
import type {MenuItem, ScreenName} from './home-menu.js';

export function HomeScreen({items, onOpen, onQuit}: {items: MenuItem[]; onOpen: (screen: ScreenName) => void; onQuit: () => void}) {
	const theme = useTheme();
	const [selected, setSelected] = useState(0);
	const [notice, setNotice] = useState<string | undefined>();
	const open = (index: number) => {
		const item = items[index];
		if (!item) return;
		setSelected(index);
		if (item.quit) onQuit();
		else if (item.disabled) setNotice(`${item.label} ${item.disabled}.`);
		else if (item.screen) onOpen(item.screen);
	};
	const move = (by: number) => {
		setNotice(undefined);
		setSelected(index => (index + by + items.length) % items.length);
	};
	useKeymap('home', {
		up: () => move(-1),
		down: () => move(1),
		open: () => open(selected),
		choose: key => open(Number(key) - 1),
		quit: onQuit,
	});
	return (
		<Box flexDirection="column" paddingX={1} flexGrow={1}>
			<Text bold color={theme.color('accent')}>
				digits
			</Text>
			<Text color={theme.color('muted')}>handwritten digits, recognized in the terminal</Text>
			<Text> </Text>
			<Menu items={items} selected={selected} />
			<Text> </Text>
			<Text color={theme.color('warn')}>{notice ?? ' '}</Text>
		</Box>
	);
}
