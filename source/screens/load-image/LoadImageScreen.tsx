// Load image: type a path (Tab completes it) or pick a file in the list, then see the picture,
// what the model sees, the digit it reads and the ten probabilities; or (`m`, and at first for a
// picture of several digits) the number it reads, each digit's box over the picture. Composition only: the
// screen's state is a pure reducer, what it shows a pure layout; folders and paths are
// use-load-image-browser.ts, reading and predicting use-load-image.ts.
import path from 'node:path';
import {Box, Text} from 'ink';
import {useCallback, useReducer} from 'react';
import {usePredict} from '../../hooks/use-services.js';
import {LoadImageFile} from '../../components/LoadImageFile.js';
import {LoadImageList} from '../../components/LoadImageList.js';
import {NumberReadingPanel} from '../../components/NumberReadingPanel.js';
import {SketchReading} from '../../components/SketchReading.js';
import {useTheme} from '../../components/theme-context.js';
import {useKeymap} from '../../hooks/use-keymap.js';
import {useLoadImageBrowser} from '../../hooks/use-load-image-browser.js';
import {useLoadImage, type LoadImageMessage, type OpenedImage} from '../../hooks/use-load-image.js';
import type {Tone} from '../../render/cells.js';
import type {ColorLevel} from '../../render/digit.js';
import {fieldEdits} from '../../input/text-field.js';
import {fitLines} from '../../render/fit-text.js';
import {colorLevelOf} from '../../theme.js';
import {fileList, LIST_TITLE_ROWS, loadImageLayout, MESSAGE_ROWS, PATH_LABEL, pathText, type LoadImageLayout} from './load-image-layout.js';
import {chosenEntry, initialLoadImage, loadImageReducer, shownView, type LoadImageState} from './load-image-state.js';
import {useLoadImageSample} from './load-image-sample.js';

export type LoadImageScreenProps = {
	width: number;
	height: number;
	onBack: () => void;
	/** Where the file list starts and relative paths begin (the current directory by default). */
	directory?: string;
};

// `t` on a picture read as a number: a sample is one digit.
const numberNoSample: LoadImageMessage = {text: 'This picture holds several digits; a sample is one digit: open a picture of one digit, then t.', tone: 'bad'};

export function LoadImageScreen({width, height, onBack, directory = process.cwd()}: LoadImageScreenProps) {
	const theme = useTheme();
	const predict = usePredict();
	const [state, dispatch] = useReducer(loadImageReducer, initialLoadImage);
	const say = useCallback((message?: LoadImageMessage) => dispatch({type: 'message', message}), []);
	const loader = useLoadImage(predict, say);
	const browser = useLoadImageBrowser(path.resolve(directory), loader.recent, say);
	const view = shownView(state.view, loader.opened?.number?.digits.length ?? 0);
	const layout = loadImageLayout(width, height, view);
	const list = fileList(browser, layout.leftWidth - 1, theme.ascii);
	const open = (file: string) => loader.open(file, browser.nameOf(file));
	const fieldKeys = fieldEdits(edit => dispatch({type: 'editField', edit}));
	const sample = useLoadImageSample(loader, browser.nameOf, say, state.message, theme.ascii);
	const fresh = (act: () => void) => clearingFirst(say, act);
	useKeymap(
		'loadImage',
		{
			up: fresh(() => browser.move(-1)),
			down: fresh(() => browser.move(1)),
			pageUp: fresh(() => browser.move(-layout.listRows)),
			pageDown: fresh(() => browser.move(layout.listRows)),
			first: fresh(() => browser.move(-Infinity)),
			last: fresh(() => browser.move(Infinity)),
			open: fresh(() =>
				openChosen(browser, file => {
					dispatch({type: 'picked'});
					open(file);
				}),
			),
			parent: fresh(browser.parent),
			type: () => dispatch({type: 'edit'}),
			recent: fresh(browser.toggleRecent),
			number: () => dispatch({type: 'toggleView', shown: view}),
			sample: view === 'digit' ? sample.start : () => say(numberNoSample),
			back: onBack,
		},
		{active: !state.editing && !sample.asking},
	);
	useKeymap(
		'loadImageField',
		{
			...fieldKeys.handlers,
			complete: () => dispatch({type: 'completed', completion: browser.complete(state.field)}),
			done: () => {
				dispatch({type: 'leave'});
				if (state.field.trim() === '') return;
				const target = browser.resolve(state.field);
				if (target.folder) browser.go(target.path);
				else open(target.path);
			},
			leave: () => dispatch({type: 'leave'}),
		},
		{active: state.editing, onText: fieldKeys.onText},
	);
	const colorLevel = colorLevelOf(theme);
	const {opened, reading} = loader;
	const picture = (
		<LoadImageFile image={opened?.image} name={opened && browser.nameOf(opened.file)} reading={reading && path.basename(reading)} width={layout.previewWidth} previewRows={layout.previewRows} colorLevel={colorLevel} boxes={view === 'number' ? opened?.number?.digits.map(digit => digit.box) : undefined} />
	);
	return (
		<Box flexDirection="column" paddingLeft={1} height={height}>
			<PathLine state={state} width={width} />
			{view === 'number' && picture}
			<Box alignItems="flex-start">
				<Box flexDirection="column" width={layout.leftWidth} flexShrink={0}>
					{view === 'digit' && picture}
					<LoadImageList {...list} rows={layout.listRows} width={layout.leftWidth - 1} focused={!state.editing} />
				</Box>
				<Box width={2} flexShrink={0} />
				<Reading view={view} opened={opened} layout={layout} colorLevel={colorLevel} />
			</Box>
			<MessageRows message={sample.message} width={width - 1} />
		</Box>
	);
}

/** The screen's title and its path field. */
function PathLine({state, width}: {state: LoadImageState; width: number}) {
	const theme = useTheme();
	return (
		<Text>
			<Text bold color={theme.color('accent')}>
				{PATH_LABEL.title}
			</Text>
			<Text color={theme.color('muted')}>{PATH_LABEL.field}</Text>
			{/* The padding, the label and the cursor take their room; a long path keeps its end. */}
			<Text color={theme.color(state.editing ? 'plain' : 'muted')}>{pathText(state, width - 1 - PATH_LABEL.title.length - PATH_LABEL.field.length - 1, theme.ascii)}</Text>
			{state.editing && <Text inverse> </Text>}
		</Text>
	);
}

/** What the screen last said (or the question `t` asks), on its rows under the list. */
function MessageRows({message, width}: {message?: {text: string; tone: Tone}; width: number}) {
	const theme = useTheme();
	return (
		<Box height={MESSAGE_ROWS} overflow="hidden">
			<Text color={message ? theme.color(message.tone) : undefined}>{message ? fitLines(message.text, width, MESSAGE_ROWS, theme.ascii).join('\n') : ' '}</Text>
		</Box>
	);
}

/** The reading on the right: one digit (the model's view, the digit, ten bars) or the number. */
function Reading({view, opened, layout, colorLevel}: {view: 'digit' | 'number'; opened?: OpenedImage; layout: LoadImageLayout; colorLevel: ColorLevel}) {
	if (view === 'number') {
		// No ink: nothing to read (the message says so); else undefined while the number is read.
		const reading = opened ? (opened.seen ? opened.number : null) : null;
		return <NumberReadingPanel reading={reading} error={opened?.numberError ?? opened?.error} width={layout.panelWidth} rows={layout.listRows + LIST_TITLE_ROWS} idle="pick an image" />;
	}
	return <SketchReading seen={opened?.seen ?? null} probabilities={opened?.probabilities ?? null} error={opened?.error} width={layout.panelWidth} fullSeen={layout.fullSeen} colorLevel={colorLevel} idle="pick an image" />;
}

/** Enter on the list: into the folder (.. goes up), or `pick` the image file. */
function openChosen(browser: ReturnType<typeof useLoadImageBrowser>, pick: (file: string) => void): void {
	const entry = chosenEntry(browser);
	if (entry?.kind === 'parent') browser.parent();
	else if (entry?.kind === 'folder') browser.go(entry.path);
	else if (entry) pick(entry.path);
}

/** A command that puts the last message away first: acting again answers it; what the command says comes after. */
function clearingFirst(say: (message?: LoadImageMessage) => void, act: () => void): () => void {
	return () => {
		say(undefined);
		act();
	};
}
