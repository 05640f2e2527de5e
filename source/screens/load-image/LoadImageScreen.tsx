// Load image: type a path (Tab completes it) or pick a file in the list, then see the picture,
// what the model sees, the digit it reads and the ten probabilities. Composition only: paths
// and listings are image/path-completion.ts, reading and predicting use-load-image.ts.
import path from 'node:path';
import {Box, Text} from 'ink';
import {useCallback, useState} from 'react';
import {useServices} from '../../hooks/use-services.js';
import {LoadImageFile} from '../../components/LoadImageFile.js';
import {LoadImageList, type ListItem} from '../../components/LoadImageList.js';
import {SketchReading} from '../../components/SketchReading.js';
import {useTheme} from '../../components/theme-context.js';
import {useKeymap} from '../../hooks/use-keymap.js';
import {useLoadImageBrowser} from '../../hooks/use-load-image-browser.js';
import {useLoadImage, type LoadImageMessage} from '../../hooks/use-load-image.js';
import type {Predict} from '../../hooks/use-sketch-prediction.js';
import {completePath, displayPath, isFolder, nameIn, resolveTyped, type BrowserEntry} from '../../image/path-completion.js';
import {keepEnd, loadImageLayout, MESSAGE_ROWS} from '../../render/load-image.js';
import {colorLevelOf} from '../../theme.js';

export type LoadImageScreenProps = {
	width: number;
	height: number;
	onBack: () => void;
	/** Where the file list starts and relative paths begin (the current directory by default). */
	directory?: string;
};

const entryItem = (entry: BrowserEntry): ListItem =>
	entry.kind === 'parent' ? {label: '..', tone: 'muted'} : entry.kind === 'folder' ? {label: `${entry.name}/`, tone: 'accent'} : {label: entry.name, tone: 'plain'};

export function LoadImageScreen({width, height, onBack, directory = process.cwd()}: LoadImageScreenProps) {
	const theme = useTheme();
	const {model: service} = useServices();
	const predict = useCallback<Predict>(images => service.predict(images), [service]);
	const [message, setMessage] = useState<LoadImageMessage>();
	const [field, setField] = useState('');
	const [editing, setEditing] = useState(false);
	const loader = useLoadImage(predict, setMessage);
	const browser = useLoadImageBrowser(path.resolve(directory), loader.recent.length, setMessage);
	const layout = loadImageLayout(width, height);
	const open = (file: string) => loader.open(file, nameIn(browser.folder, file));

	// A file picked in the list replaces a typed path, which would no longer name what is shown.
	const pick = (file: string) => {
		setField('');
		open(file);
	};
	const choose = () => {
		if (browser.view === 'recent') {
			const file = loader.recent[browser.recentSelected];
			if (file) pick(file);
			return;
		}
		const entry = browser.entries[browser.selected];
		if (!entry) return;
		if (entry.kind === 'image') pick(entry.path);
		else if (entry.kind === 'parent') browser.parent();
		else browser.go(entry.path);
	};
	useKeymap(
		'loadImage',
		{
			up: () => browser.move(-1),
			down: () => browser.move(1),
			open: choose,
			parent: browser.parent,
			type: () => setEditing(true),
			recent: browser.toggleRecent,
			back: onBack,
		},
		{active: !editing},
	);
	useKeymap(
		'loadImageField',
		{
			complete: () => {
				const {text, matches} = completePath(field, browser.folder);
				setField(text);
				if (matches.length > 1) setMessage({text: `${matches.length} matches: ${matches.join('  ')}`, tone: 'muted'});
				else if (matches.length === 1) setMessage(undefined);
				else {
					const start = field.slice(field.lastIndexOf('/') + 1);
					setMessage({text: start === '' ? 'no files or folders there' : `no file or folder there starts with "${start}"`, tone: 'muted'});
				}
			},
			done: () => {
				setEditing(false);
				if (field.trim() === '') return;
				const target = resolveTyped(field, browser.folder);
				if (isFolder(target)) browser.go(target);
				else open(target);
			},
			leave: () => setEditing(false),
			erase: () => setField(text => text.slice(0, -1)),
			clear: () => setField(''),
		},
		{active: editing, onText: text => setField(value => value + text)},
	);

	const colorLevel = colorLevelOf(theme);
	const opened = loader.opened;
	const listTitle = browser.view === 'recent' ? 'recent files' : `${displayPath(browser.folder)}${browser.folder.endsWith('/') ? '' : '/'}`;
	const items = browser.view === 'recent' ? loader.recent.map(file => ({label: keepEnd(displayPath(file), layout.leftWidth - 3, theme.ascii), tone: 'plain' as const})) : browser.entries.map(entryItem);
	return (
		<Box flexDirection="column" paddingLeft={1} height={height}>
			<Text wrap="truncate-start">
				<Text bold color={theme.color('accent')}>
					Load image{' '}
				</Text>
				<Text color={theme.color('muted')}>path: </Text>
				<Text color={theme.color(editing ? 'plain' : 'muted')}>{field === '' && !editing ? 'Tab to type one' : field}</Text>
				{editing && <Text inverse> </Text>}
			</Text>
			<Box alignItems="flex-start">
				<Box flexDirection="column" width={layout.leftWidth} flexShrink={0}>
					<LoadImageFile image={opened?.image} name={opened && nameIn(browser.folder, opened.file)} reading={loader.reading && path.basename(loader.reading)} width={layout.leftWidth - 1} previewRows={layout.previewRows} colorLevel={colorLevel} />
					<LoadImageList
						title={listTitle}
						items={items}
						selected={browser.view === 'recent' ? browser.recentSelected : browser.selected}
						rows={layout.listRows}
						width={layout.leftWidth - 1}
						focused={!editing}
						empty={browser.view === 'recent' ? 'no files opened yet' : 'no folders or image files here'}
					/>
				</Box>
				<Box width={2} flexShrink={0} />
				<SketchReading seen={opened?.seen ?? null} probabilities={opened?.probabilities ?? null} error={opened?.error} width={layout.panelWidth} fullSeen={layout.fullSeen} colorLevel={colorLevel} idle="pick an image" />
			</Box>
			<Box height={MESSAGE_ROWS} overflow="hidden">
				<Text color={message ? theme.color(message.tone) : undefined} wrap="wrap">
					{message?.text ?? ' '}
				</Text>
			</Box>
		</Box>
	);
}
