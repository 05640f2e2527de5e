// The sketch pad: draw a digit with the keyboard or the mouse and watch the model read it;
// `m` switches to number mode, a wider canvas read as a whole number.
// Composition only: the screen's state is a pure reducer around the pad's (sketch/), what
// it shows a pure layout; prediction, files and the mouse are hooks, the views components.
import {Box, Text} from 'ink';
import {useCallback, useMemo, useReducer} from 'react';
import {usePredict} from '../../hooks/use-services.js';
import {NumberSketch} from '../../components/NumberSketch.js';
import {SketchCanvas} from '../../components/SketchCanvas.js';
import {SketchReading} from '../../components/SketchReading.js';
import {useTheme} from '../../components/theme-context.js';
import {useInputState, useKeymap} from '../../hooks/use-keymap.js';
import {useMouse, useMouseReporting} from '../../hooks/use-mouse.js';
import {useNumberReading} from '../../hooks/use-number-reading.js';
import {usePathCompletion} from '../../hooks/use-path-completion.js';
import {useSketchFiles, type FileMessage} from '../../hooks/use-sketch-files.js';
import {useSketchPrediction} from '../../hooks/use-sketch-prediction.js';
import type {NumberReading} from '../../image/number.js';
import {fieldEdits} from '../../input/text-field.js';
import type {Completion} from '../../image/path-completion.js';
import type {Tone} from '../../render/cells.js';
import {blankCanvas, canvasWidth} from '../../sketch/canvas.js';
import {numberCanvasWidth} from '../../sketch/layout.js';
import {colorLevelOf} from '../../theme.js';
import {messageRows, numberRoom, sketchScreenLayout, type SketchScreenLayout} from './sketch-screen-layout.js';
import {initialSketchScreen, mouseAction, padHandlers, sketchScreenReducer, type SketchMessage, type SketchScreenAction, type SketchScreenState} from './sketch-screen-state.js';
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
	const {pad, field, mode} = state;
	const layout = sketchScreenLayout(pad, width, height, theme.ascii, mode);
	const {active} = useInputState();
	const pixels = pad.drawing.pixels;
	// Each mode's reading follows its own pad (the other one is kept as it was while hidden).
	const digitPad = mode === 'digit' ? pad : state.other!;
	const numberPad = mode === 'number' ? pad : state.other;
	const prediction = useSketchPrediction(digitPad.drawing.pixels, digitPad.strokes, predict);
	const number = useNumberReading(numberPad?.drawing.pixels ?? noNumber, numberPad?.strokes ?? 0, predict);
	const say = useCallback((message: FileMessage) => dispatch({type: 'message', message}), []);
	const onOpened = useCallback((opened: Float32Array) => dispatch({type: 'load', pixels: opened}), []);
	const files = useSketchFiles(directory, canvasWidth(pixels), say, onOpened);
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
			predict: mode === 'digit' ? prediction.predictNow : number.readNow,
			mode: () => dispatch({type: 'mode', width: numberCanvasWidth(width)}),
			save: () => files.save(pixels),
			open: () => dispatch({type: 'openField'}),
			sample: mode === 'digit' ? sample.start : () => say({text: 'A sample is one digit: press m for the digit pad, draw it there, then t.', tone: 'bad'}),
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
				{mode === 'number' && <Text color={theme.color('accent')}> number</Text>}
				<Text color={theme.color('muted')}> brush </Text>
				<Text>{layout.brush}</Text>
				<Text color={theme.color(layout.penTone)}> {layout.pen}</Text>
				<Text color={theme.color('muted')}> {layout.position}</Text>
				{layout.count !== '' && <Text color={theme.color('warn')}> {layout.count}</Text>}
			</Box>
			{mode === 'number' ? (
				<NumberPad state={state} layout={layout} room={numberRoom(pad, width, height)} reading={number.reading} error={number.error} width={width - 1} />
			) : (
				<Box alignItems="flex-start">
					<SketchCanvas pixels={pixels} scale={layout.pad.scale} cursor={pad.cursor} cursorTone={layout.penTone} cursorLetter={layout.cursorLetter} />
					<Box width={2} flexShrink={0} />
					<SketchReading seen={prediction.seen} probabilities={prediction.probabilities} error={prediction.error} width={layout.pad.panelWidth} fullSeen={layout.pad.fullSeen} colorLevel={colorLevelOf(theme)} />
				</Box>
			)}
			{field === undefined ? (
				mode === 'digit' && <MessageRows text={sample.message?.text} tone={sample.message?.tone} width={width - 1} mouseHint={layout.mouseHint} />
			) : (
				<OpenField field={field} said={tabSaid} mouseHint={layout.mouseHint} />
			)}
		</Box>
	);
}

/** The path typed after `o`, and under it what Tab said (or the mouse hint). */
function OpenField({field, said, mouseHint}: {field: string; said?: SketchMessage; mouseHint: string}) {
	const theme = useTheme();
	return (
		<>
			<Text wrap="truncate-start">
				<Text color={theme.color('accent')}>open image: </Text>
				{field}
				<Text inverse> </Text>
			</Text>
			{/* Under the field, what Tab said takes the mouse hint's row; a long list of matches ends at a whole name. */}
			<Box height={1} overflow="hidden">
				<Text color={theme.color(said?.tone ?? 'muted')} wrap="wrap">
					{said?.text ?? mouseHint}
				</Text>
			</Box>
		</>
	);
}

// What the number reading follows before number mode is first opened: nothing to read.
const noNumber = blankCanvas();

/** Number mode's body: the canvas, its digits and the number, or what to do when the window is too small for the canvas. */
function NumberPad({state, layout, room, reading, error, width}: {state: SketchScreenState; layout: SketchScreenLayout; room: {fits: boolean; rows: number}; reading: NumberReading | null; error?: string; width: number}) {
	const theme = useTheme();
	if (!room.fits) {
		return (
			<Text color={theme.color('warn')} wrap="wrap">
				The window is too small for this number canvas: make it larger, or press m twice for a canvas that fits.
			</Text>
		);
	}
	const {pad, field} = state;
	// The path field takes two rows under the number.
	const [rows, message] = field === undefined ? [room.rows, state.message] : [room.rows - 2, undefined];
	return <NumberSketch pixels={pad.drawing.pixels} cursor={pad.cursor} cursorTone={layout.penTone} cursorLetter={layout.cursorLetter} reading={reading} error={error} width={width} rows={rows} message={message} mouseHint={layout.mouseHint} />;
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
