// Examples: random test digits in a grid that fills the window (half-size digits in a small one), each with the model's
// prediction: right ones in green, wrong ones in red with the runner-up digit. Space draws anew.
import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import {useEffect, useState} from 'react';
import {useServices} from '../../hooks/use-services.js';
import {TileGrid} from '../../components/DigitTile.js';
import {useTheme} from '../../components/theme-context.js';
import {useKeymap} from '../../hooks/use-keymap.js';
import {useTestSet} from '../../hooks/use-test-set.js';
import {asciiText} from '../../render/ascii-text.js';
import {digitPixels} from '../../render/digit.js';
import {count} from '../../render/format.js';
import {randomIndices, runnerUp} from '../../render/gallery.js';
import {imagePixels} from '../../digit-size.js';
import {exampleCaption, examplesLayout} from './examples-layout.js';

type Props = {model: string | undefined; width: number; height: number; onHome: () => void};

type Draw = {seed: number; indices: number[]; probabilities?: Float32Array; error?: string};

export function ExamplesScreen({model, width, height, onHome}: Props) {
	const theme = useTheme();
	const {model: service} = useServices();
	const testSet = useTestSet();
	const grid = examplesLayout(width, height);
	const wanted = grid.columns * grid.rows;
	const [seed, setSeed] = useState(() => Date.now() % 1_000_000);
	const [draw, setDraw] = useState<Draw | undefined>();
	const ready = testSet.phase === 'ready' ? testSet.testSet : undefined;
	const total = ready?.count ?? 0;

	useEffect(() => {
		if (!ready || model === undefined) return;
		const indices = randomIndices(ready.count, wanted, seed);
		let live = true;
		setDraw({seed, indices});
		const pixels = new Float32Array(indices.length * imagePixels);
		indices.forEach((index, row) => pixels.set(digitPixels(ready.images, index), row * imagePixels));
		service.predict(pixels, model).then(
			probabilities => live && setDraw({seed, indices, probabilities}),
			(error: Error) => live && setDraw({seed, indices, error: error.message}),
		);
		return () => {
			live = false;
		};
	}, [ready, model, seed, wanted, service]);

	useKeymap('examples', {draw: () => setSeed(now => (now * 7919 + 1) % 1_000_003), back: onHome});

	const waiting = (text: string) => (
		<Text>
			<Text color={theme.color('accent')}>
				<Spinner type={theme.ascii ? 'line' : 'dots'} />{' '}
			</Text>
			{asciiText(text, theme.ascii)}
		</Text>
	);
	let body;
	let summary = '';
	if (model === undefined) body = <Text color={theme.color('warn')}>No model is loaded yet: train one (Train on the menu), or wait for the status line to show one.</Text>;
	else if (testSet.phase === 'failed') body = <Text color={theme.color('bad')}>{testSet.message}</Text>;
	else if (testSet.phase === 'loading' || !draw) body = waiting('reading the test images…');
	else if (draw.error) body = <Text color={theme.color('bad')}>Could not predict: {draw.error}</Text>;
	else if (!draw.probabilities) body = waiting(`predicting ${draw.indices.length} digits…`);
	else {
		const probabilities = draw.probabilities;
		const labels = testSet.phase === 'ready' ? testSet.testSet.labels : new Uint8Array();
		let wrong = 0;
		const tiles = draw.indices.map((index, row) => {
			const scores = probabilities.subarray(row * 10, row * 10 + 10);
			const predicted = scores.indexOf(Math.max(...scores));
			const image = {index, label: labels[index]!, predicted, confidence: scores[predicted]!};
			if (image.label !== predicted) wrong++;
			const caption = exampleCaption(image, runnerUp(scores), {ascii: theme.ascii, compact: grid.compact});
			return {key: `${draw.seed}-${row}`, pixels: digitPixels(testSet.phase === 'ready' ? testSet.testSet.images : new Uint8Array(), index), caption};
		});
		summary = ` · ${draw.indices.length} of ${count(total)} · ${draw.indices.length - wrong} right, ${wrong} wrong`;
		body = <TileGrid tiles={tiles} columns={grid.columns} side={grid.side} />;
	}
	return (
		<Box flexDirection="column" paddingX={1} width={width} height={height} overflow="hidden">
			<Text wrap="truncate-end">
				<Text bold color={theme.color('accent')}>
					Random test digits
				</Text>
				<Text color={theme.color('muted')}>{asciiText(`${summary} · Space: new draw`, theme.ascii)}</Text>
			</Text>
			<Text> </Text>
			{body}
		</Box>
	);
}
