// The sketch pad: draw a digit with the keyboard or the mouse and watch the model read it.
// Composition only: the canvas state is a pure reducer (sketch/), prediction, files and the
// mouse are hooks, the views are components.
import {Box, Text} from 'ink';
import {useCallback, useReducer, useState} from 'react';
import {useServices} from '../../hooks/use-services.js';
import {PixelLines} from '../../components/PixelLines.js';
import {SketchReading} from '../../components/SketchReading.js';
import {useTheme} from '../../components/theme-context.js';
import {useInputState, useKeymap} from '../../hooks/use-keymap.js';
import {useMouse, useMouseReporting} from '../../hooks/use-mouse.js';
import {useSketchFiles, type FileMessage} from '../../hooks/use-sketch-files.js';
import {useSketchPrediction, type Predict} from '../../hooks/use-sketch-prediction.js';
import type {KeyName} from '../../input/keymap.js';
import type {MouseEvent} from '../../input/mouse.js';
import {renderCanvas} from '../../render/sketch-canvas.js';
import {brushRadii} from '../../sketch/canvas.js';
import {cellToCanvas, insideCanvas, sketchLayout} from '../../sketch/layout.js';
import {initialSketch, JUMP, sketchReducer} from '../../sketch/sketch-state.js';
import {colorLevelOf} from '../../theme.js';

export type SketchScreenProps = {
	width: number;
	height: number;
	onBack: () => void;
	/** Where `s` saves (the current directory by default). */
	directory?: string;
};

const steps: Record<string, [number, number]> = {left: [-1, 0], h: [-1, 0], right: [1, 0], l: [1, 0], up: [0, -1], k: [0, -1], down: [0, 1], j: [0, 1]};

export function SketchScreen({width, height, onBack, directory = process.cwd()}: SketchScreenProps) {
	const theme = useTheme();
	const {model: service} = useServices();
	const predict = useCallback<Predict>(images => service.predict(images), [service]);
	const [state, dispatch] = useReducer(sketchReducer, undefined, initialSketch);
	const [field, setField] = useState<string | undefined>();
	const [message, setMessage] = useState<FileMessage | undefined>();
	const layout = sketchLayout(width, height);
	const {active} = useInputState();
	const pixels = state.drawing.pixels;
	const prediction = useSketchPrediction(pixels, state.strokes, predict);
	const onOpened = useCallback((opened: Float32Array) => dispatch({type: 'load', pixels: opened}), []);
	const files = useSketchFiles(directory, setMessage, onOpened);

	useMouseReporting();
	useMouse(
		(event: MouseEvent) => {
			const at = cellToCanvas(layout, event.x, event.y);
			dispatch({type: 'mouse', event, at: event.type === 'press' && !insideCanvas(at) ? null : at});
		},
		{active: active === 'sketch'},
	);
	useKeymap(
		'sketch',
		{
			move: (key: KeyName) => dispatch({type: 'move', dx: steps[key]![0], dy: steps[key]![1]}),
			jump: (key: KeyName) => {
				const [dx, dy] = steps[key.replace('shift+', '').toLowerCase()]!;
				dispatch({type: 'move', dx: dx * JUMP, dy: dy * JUMP});
			},
			count: (key: KeyName) => dispatch({type: 'count', digit: key}),
			dab: () => dispatch({type: 'dab', mode: 'paint'}),
			erase: () => dispatch({type: 'dab', mode: 'erase'}),
			pen: () => dispatch({type: 'pen', mode: 'paint'}),
			eraser: () => dispatch({type: 'pen', mode: 'erase'}),
			brush: (key: KeyName) => dispatch({type: 'brush', by: key === ']' ? 1 : -1}),
			clear: () => dispatch({type: 'clear'}),
			undo: () => dispatch({type: 'undo'}),
			redo: () => dispatch({type: 'redo'}),
			predict: prediction.predictNow,
			save: () => files.save(pixels),
			open: () => {
				setMessage(undefined);
				setField('');
			},
			back: onBack,
		},
		{active: field === undefined},
	);
	useKeymap(
		'sketchField',
		{
			done: () => {
				if (field) files.open(field);
				setField(undefined);
			},
			leave: () => setField(undefined),
			erase: () => setField(text => (text ?? '').slice(0, -1)),
			clear: () => setField(''),
		},
		{active: field !== undefined, onText: text => setField(value => (value ?? '') + text)},
	);

	const colorLevel = colorLevelOf(theme);
	const cursorTone = state.pen === 'paint' ? 'ok' : state.pen === 'erase' ? 'bad' : 'accent';
	const canvas = renderCanvas(pixels, {
		colorLevel: theme.ascii ? 'none' : colorLevel,
		ascii: theme.ascii,
		scale: layout.scale,
		cursor: state.cursor,
		cursorColor: theme.color(cursorTone),
		cursorLetter: state.pen === 'paint' ? 'p' : state.pen === 'erase' ? 'x' : 'o',
	});
	const dot = theme.ascii ? ['o', '.'] : ['●', '·'];
	const brush = brushRadii.map((_, index) => (index <= state.brush ? dot[0] : dot[1])).join('');
	const pen = state.pen === 'paint' ? 'pen down' : state.pen === 'erase' ? 'eraser down' : 'pen up';
	return (
		<Box flexDirection="column" paddingLeft={1} height={height}>
			<Box>
				<Text bold color={theme.color('accent')}>
					Sketch
				</Text>
				<Text color={theme.color('muted')}> brush </Text>
				<Text>{brush}</Text>
				<Text color={theme.color(cursorTone)}> {pen}</Text>
				<Text color={theme.color('muted')}>
					{' '}
					{state.cursor.x},{state.cursor.y}
				</Text>
				{state.count !== '' && (
					<Text color={theme.color('warn')}>
						{' '}
						{state.count}
						{theme.ascii ? '...' : '…'}
					</Text>
				)}
			</Box>
			<Box alignItems="flex-start">
				<Box borderStyle={theme.ascii ? 'classic' : 'round'} borderColor={theme.color('muted')} flexShrink={0}>
					<PixelLines lines={canvas} />
				</Box>
				<Box width={2} flexShrink={0} />
				<SketchReading seen={prediction.seen} probabilities={prediction.probabilities} error={prediction.error} width={layout.panelWidth} fullSeen={layout.fullSeen} colorLevel={colorLevel} />
			</Box>
			{field !== undefined ? (
				<Text wrap="truncate-start">
					<Text color={theme.color('accent')}>open PNG: </Text>
					{field}
					<Text inverse> </Text>
				</Text>
			) : (
				<Text color={message ? theme.color(message.tone) : undefined} wrap="truncate-end">
					{message?.text ?? ' '}
				</Text>
			)}
			<Text color={theme.color('muted')} wrap="truncate-end">
				{['mouse: drag to paint', 'right button erases', 'wheel: brush'].join(theme.ascii ? ' - ' : ' · ')}
			</Text>
		</Box>
	);
}
