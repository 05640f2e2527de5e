// Load image: type a path (Tab completes it) or pick a file in the list, then see the picture,
// what the model sees, the digit it reads and the ten probabilities. Composition only: the
// screen's state is a pure reducer, what it shows a pure layout; folders and paths are
// use-load-image-browser.ts, reading and predicting use-load-image.ts.
import path from 'node:path';
import {Box, Text} from 'ink';
import {useCallback, useReducer} from 'react';
import {usePredict} from '../../hooks/use-services.js';
import {LoadImageFile} from '../../components/LoadImageFile.js';
import {LoadImageList} from '../../components/LoadImageList.js';
import {SketchReading} from '../../components/SketchReading.js';
import {useTheme} from '../../components/theme-context.js';
import {useKeymap} from '../../hooks/use-keymap.js';
import {useLoadImageBrowser} from '../../hooks/use-load-image-browser.js';
import {useLoadImage, type LoadImageMessage} from '../../hooks/use-load-image.js';
import {fieldEdits} from '../../input/text-field.js';
import {fitLines} from '../../render/fit-text.js';
import {colorLevelOf} from '../../theme.js';
import {fileList, loadImageLayout, MESSAGE_ROWS, PATH_LABEL, pathText} from './load-image-layout.js';
import {chosenEntry, initialLoadImage, loadImageReducer} from './load-image-state.js';
import {useLoadImageSample} from './load-image-sample.js';

export type LoadImageScreenProps = {
	width: number;
	height: number;
	onBack: () => void;
	/** Where the file list starts and relative paths begin (the current directory by default). */
	directory?: string;
};

export function LoadImageScreen({width, height, onBack, directory = process.cwd()}: LoadImageScreenProps) {
	const theme = useTheme();
	const predict = usePredict();
	const [state, dispatch] = useReducer(loadImageReducer, initialLoadImage);
	const say = useCallback((message?: LoadImageMessage) => dispatch({type: 'message', message}), []);
	const loader = useLoadImage(predict, say);
	const browser = useLoadImageBrowser(path.resolve(directory), loader.recent, say);
	const layout = loadImageLayout(width, height);
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
			sample: sample.start,
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
	return (
		<Box flexDirection="column" paddingLeft={1} height={height}>
			<Text>
				<Text bold color={theme.color('accent')}>
					{PATH_LABEL.title}
				</Text>
				<Text color={theme.color('muted')}>{PATH_LABEL.field}</Text>
				{/* The padding, the label and the cursor take their room; a long path keeps its end. */}
				<Text color={theme.color(state.editing ? 'plain' : 'muted')}>{pathText(state, width - 1 - PATH_LABEL.title.length - PATH_LABEL.field.length - 1, theme.ascii)}</Text>
				{state.editing && <Text inverse> </Text>}
			</Text>
			<Box alignItems="flex-start">
				<Box flexDirection="column" width={layout.leftWidth} flexShrink={0}>
					<LoadImageFile image={opened?.image} name={opened && browser.nameOf(opened.file)} reading={reading && path.basename(reading)} width={layout.leftWidth - 1} previewRows={layout.previewRows} colorLevel={colorLevel} />
					<LoadImageList {...list} rows={layout.listRows} width={layout.leftWidth - 1} focused={!state.editing} />
				</Box>
				<Box width={2} flexShrink={0} />
				<SketchReading seen={opened?.seen ?? null} probabilities={opened?.probabilities ?? null} error={opened?.error} width={layout.panelWidth} fullSeen={layout.fullSeen} colorLevel={colorLevel} idle="pick an image" />
			</Box>
			<Box height={MESSAGE_ROWS} overflow="hidden">
				<Text color={sample.message ? theme.color(sample.message.tone) : undefined}>{sample.message ? fitLines(sample.message.text, width - 1, MESSAGE_ROWS, theme.ascii).join('\n') : ' '}</Text>
			</Box>
		</Box>
	);
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
