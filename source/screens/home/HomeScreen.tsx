// Home: the menu. Arrows, j/k and Enter, or an item's number.
import {Box, Text} from 'ink';
import {useState} from 'react';
import type {MenuItem, ScreenName} from '../../app/app-state.js';
import {Menu} from '../../components/Menu.js';
import {useTheme} from '../../components/theme-context.js';
import {useKeymap} from '../../hooks/use-keymap.js';

const descriptions: Record<string, string> = {
	Train: 'train a network on MNIST and watch it learn',
	Evaluate: 'accuracy, confusion matrix, report, mistakes',
	Sketch: 'draw a digit and watch the model read it',
	'Load image': 'read the digit in an image file',
	Examples: 'random test digits and what the model reads',
	'Model info': 'layers, settings, history, where it is saved',
	Quit: 'leave digits',
};

export function HomeScreen({items, onOpen, onQuit}: {items: MenuItem[]; onOpen: (screen: ScreenName) => void; onQuit: () => void}) {
	const theme = useTheme();
	const [selected, setSelected] = useState(0);
	const [notice, setNotice] = useState<string | undefined>();
	const open = (index: number) => {
		const item = items[index];
		if (!item) return;
		setSelected(index);
		if (item.quit) onQuit();
		else if (item.disabled) setNotice(item.disabled === 'coming' ? `${item.label} is coming in a later version.` : `${item.label} ${item.disabled}.`);
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
			<Menu items={items} selected={selected} descriptions={descriptions} />
			<Text> </Text>
			<Text color={theme.color('warn')}>{notice ?? ' '}</Text>
		</Box>
	);
}
