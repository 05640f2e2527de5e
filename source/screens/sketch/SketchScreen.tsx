// The sketch pad: draw a digit with the keyboard or the mouse and watch the model read it.
// Composition only: the screen's state is a pure reducer around the pad's (sketch/), what
// it shows a pure layout; prediction, files and the mouse are hooks, the views components.
import {Box, Text} from 'ink';
import {useCallback, useMemo, useReducer} from 'react';
import {usePredict} from '../../hooks/use-services.js';
import {SketchCanvas} from '../../components/SketchCanvas.js';
import {SketchReading} from '../../components/SketchReading.js';
import {useTheme} from '../../components/theme-context.js';
import {useInputState, useKeymap} from '../../hooks/use-keymap.js';
import {useMouse, useMouseReporting} from '../../hooks/use-mouse.js';
import {usePathCompletion} from '../../hooks/use-path-completion.js';
import {useSketchFiles, type FileMessage} from '../../hooks/use-sketch-files.js';
import {useSketchPrediction} from '../../hooks/use-sketch-prediction.js';
import {fieldEdits} from '../../input/text-field.js';
import type {Completion} from '../../image/path-completion.js';
import type {Tone} from '../../render/cells.js';
import {colorLevelOf} from '../../theme.js';
import {messageRows, sketchScreenLayout} from './sketch-screen-layout.js';
import {initialSketchScreen, mouseAction, padHandlers, sketchScreenReducer, type SketchScreenAction} from './sketch-screen-state.js';
import {useSketchSample} from './use-sketch-sample.js';

export type SketchScreenProps = {
	width: number;
	height: number;
	onBack: () => void;
	/** Where `s` saves (the current directory by default). */
	directory?: string;
};

export function SketchScreen({width, height, onBack, directory = process.cwd()}: SketchScreenProps) {
	const theme = useTheme();
	const predict = usePredict();
	const [state, dispatch] = useReducer(sketchScreenReducer, undefined, initialSketchScreen);
	const {pad, field} = state;
	const layout = sketchScreenLayout(pad, width, height, theme.ascii);
	const {active} = useInputState();
	const pixels = pad.drawing.pixels;
	const prediction = useSketchPrediction(pixels, pad.strokes, predict);
	const say = useCallback((message: FileMessage) => dispatch({type: 'message', message}), []);
	const onOpened = useCallback((opened: Float32Array) => dispatch({type: 'load', pixels: opened}), []);
	const files = useSketchFiles(directory, say, onOpened);
	const complete = usePathCompletion(directory);
	const padKeys = useMemo(() => padHandlers(dispatch), []);
	const tabSaid = field === undefined ? undefined : state.message;
	const sample = useSketchSample(pixels, say, state.message, theme.ascii);

	useMouseReporting();
	useMouse(event => dispatch(mouseAction(layout.pad, event)), {active: active === 'sketch'});
	useKeymap(
		'sketch',
		{
			...padKeys,
			count: digit => dispatch({type: 'count', digit}),
			predict: prediction.predictNow,
			save: () => files.save(pixels),
			open: () => dispatch({type: 'openField'}),
			sample: sample.start,
			back: onBack,
		},
		{active: field === undefined && !sample.asking},
	);
	useOpenFieldKeys(field, dispatch, {complete, open: files.open});

	return (
		<Box flexDirection="column" paddingLeft={1} height={height}>
			<Box>
				<Text bold color={theme.color('accent')}>
					Sketch
				</Text>
				<Text color={theme.color('muted')}> brush </Text>
				<Text>{layout.brush}</Text>
				<Text color={theme.color(layout.penTone)}> {layout.pen}</Text>
				<Text color={theme.color('muted')}> {layout.position}</Text>
				{layout.count !== '' && <Text color={theme.color('warn')}> {layout.count}</Text>}
			</Box>
			<Box alignItems="flex-start">
				<SketchCanvas pixels={pixels} scale={layout.pad.scale} cursor={pad.cursor} cursorTone={layout.penTone} cursorLetter={layout.cursorLetter} />
				<Box width={2} flexShrink={0} />
				<SketchReading seen={prediction.seen} probabilities={prediction.probabilities} error={prediction.error} width={layout.pad.panelWidth} fullSeen={layout.pad.fullSeen} colorLevel={colorLevelOf(theme)} />
			</Box>
			{field === undefined ? (
				<MessageRows text={sample.message?.text} tone={sample.message?.tone} width={width - 1} mouseHint={layout.mouseHint} />
			) : (
				<>
					<Text wrap="truncate-start">
						<Text color={theme.color('accent')}>open image: </Text>
						{field}
						<Text inverse> </Text>
					</Text>
					{/* Under the field, what Tab said takes the mouse hint's row; a long list of matches ends at a whole name. */}
					<Box height={1} overflow="hidden">
						<Text color={theme.color(tabSaid?.tone ?? 'muted')} wrap="wrap">
							{tabSaid?.text ?? layout.mouseHint}
						</Text>
					</Box>
				</>
			)}
		</Box>
	);
}

/** The keys of the path field `o` opens: Tab completes, Enter opens the file. */
function useOpenFieldKeys(field: string | undefined, dispatch: (action: SketchScreenAction) => void, {complete, open}: {complete: (typed: string) => Completion; open: (typed: string) => void}): void {
	const fieldKeys = fieldEdits(edit => dispatch({type: 'editField', edit}));
	useKeymap(
		'sketchField',
		{
			...fieldKeys.handlers,
			complete: () => dispatch({type: 'completed', completion: complete(field ?? '')}),
			done: () => {
				// Closed first: what opening says comes after.
				dispatch({type: 'closeField'});
				if (field) open(field);
			},
			leave: () => dispatch({type: 'closeField'}),
		},
		{active: field !== undefined, onText: fieldKeys.onText},
	);
}

/** A message over the two rows under the canvas, or a blank row and the mouse hint. */
function MessageRows({text, tone, width, mouseHint}: {text?: string; tone?: Tone; width: number; mouseHint: string}) {
	const theme = useTheme();
	const rows = messageRows(text, width, mouseHint, theme.ascii);
	const color = tone ? theme.color(tone) : undefined;
	return (
		<>
			<Text color={color}>{rows.message}</Text>
			<Text color={rows.hint ? theme.color('muted') : color}>{rows.second}</Text>
		</>
	);
}
