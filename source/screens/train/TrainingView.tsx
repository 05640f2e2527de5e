// The live training view: a progress block (or the outcome when finished), the loss and
// accuracy charts side by side, and the last epochs' numbers.
import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import {
	elapsedSeconds,
	epochFraction,
	epochPoints,
	etaSeconds,
	imagesPerSecond,
	runFraction,
	type TrainingState,
} from './training-state.js';
import {renderChart} from '../../render/chart.js';
import {epochTable} from '../../render/epoch-table.js';
import {backendLabel, count, counted, duration, percent, rate, remaining} from '../../render/format.js';
import {progressBar} from '../../render/progress.js';
import {asciiText} from '../../render/ascii-text.js';
import {keepEnd} from '../../render/load-image.js';
import {fitParts, trainingLayout} from '../../render/training-layout.js';
import {CellBlock, CellLine} from '../../components/CellLine.js';
import {useTheme} from '../../components/theme-context.js';

type Props = {
	state: TrainingState;
	width: number;
	/** Rows the screen may use (the status line is not part of them). */
	height: number;
	confirming: boolean;
};

export function TrainingView({state, width, height, confirming}: Props) {
	const theme = useTheme();
	const layout = trainingLayout(width, height, state.epochs);
	const inner = width - 2;
	const chart = (metric: 'loss' | 'accuracy') =>
		renderChart({
			title: metric,
			titleWidth: 'accuracy'.length,
			points: state[metric],
			epochs: epochPoints(state, metric),
			width: layout.chartWidth,
			height: layout.plotHeight,
			min: 0,
			max: metric === 'accuracy' ? 1 : undefined,
			format: metric === 'accuracy' ? value => `${Math.round(value * 100)}%` : value => value.toFixed(2),
			ascii: theme.ascii,
			placeholder: state.phase === 'finished' ? 'no batch finished' : undefined,
		});
	const lossLines = chart('loss');
	const accuracyLines = chart('accuracy');
	const table = epochTable(state.history, layout.tableRows);
	return (
		<Box flexDirection="column" paddingX={1} width={width} height={height}>
			{state.phase === 'finished' ? <Outcome state={state} width={inner} /> : <Progress state={state} width={inner} confirming={confirming} />}
			<Text> </Text>
			<Box>
				<Box width={layout.chartWidth} flexShrink={0}>
					<CellBlock lines={lossLines} />
				</Box>
				<Box width={2} flexShrink={0} />
				<Box width={layout.chartWidth} flexShrink={0}>
					<CellBlock lines={accuracyLines} />
				</Box>
			</Box>
			<Text> </Text>
			{table.map((line, index) => (
				<Text key={index} color={theme.color(index === 0 ? 'muted' : 'plain')}>
					{asciiText(line, theme.ascii)}
				</Text>
			))}
		</Box>
	);
}

/** The run's first line: what is training and how (as much as fits), or the stop question. */
function RunHeader({state, confirming, width}: {state: TrainingState; confirming: boolean; width: number}) {
	const theme = useTheme();
	const dot = theme.ascii ? ' | ' : ' · ';
	if (confirming) {
		return (
			<Text color={theme.color('warn')} bold>
				stop training? the last finished epoch is kept{dot}y/Enter stop{dot}n/Esc go on
			</Text>
		);
	}
	const {options, teaching} = state;
	const details = state.stopping
		? [asciiText('stopping at the next batch…', theme.ascii)]
		: [
				teaching ? `from ${teaching.from}` : '',
				teaching ? `your ${counted(teaching.count, 'sample')}` : '',
				options?.preset ?? '',
				state.backend ? backendLabel(state.backend) : '',
				state.trainer ? `${state.trainer} trainer` : '',
				options?.limit ? `first ${count(options.limit)} images` : '',
			];
	const [title, ...shown] = fitParts([`${teaching ? 'Teaching' : 'Training'} ${state.model ?? options?.model ?? 'a new model'}`, ...details], width, dot);
	return (
		<Text>
			<Text bold color={theme.color('accent')}>
				{title}
			</Text>
			<Text color={theme.color(state.stopping ? 'warn' : 'muted')}>{shown.map(part => `${dot}${part}`).join('')}</Text>
		</Text>
	);
}

function Progress({state, width, confirming}: {state: TrainingState; width: number; confirming: boolean}) {
	const theme = useTheme();
	const spinner = <Spinner type="line" />;
	const labelWidth = 12;
	const rightWidth = 16;
	const barWidth = Math.max(width - labelWidth - rightWidth - 2, 10);
	const header = <RunHeader state={state} confirming={confirming} width={width} />;
	if (state.phase === 'starting' || state.phase === 'preparing') {
		return (
			<Box flexDirection="column" height={4}>
				{header}
				<Text>
					<Text color={theme.color('accent')}>{spinner}</Text> {asciiText(state.phase === 'starting' ? 'starting TensorFlow…' : 'preparing the data…', theme.ascii)}
				</Text>
				<Text color={theme.color('muted')}>elapsed {duration(elapsedSeconds(state))}</Text>
				<Text> </Text>
			</Box>
		);
	}
	const rightEpoch = `batch ${state.batch}/${state.batches}`;
	return (
		<Box flexDirection="column" height={4}>
			{header}
			<Box>
				<Box width={labelWidth} flexShrink={0}>
					<Text>
						epoch {state.epoch}/{state.epochs}
					</Text>
				</Box>
				<CellLine line={progressBar(epochFraction(state), barWidth, theme.ascii)} />
				<Text> {rightEpoch}</Text>
			</Box>
			<Box>
				<Box width={labelWidth} flexShrink={0}>
					<Text>whole run</Text>
				</Box>
				<CellLine line={progressBar(runFraction(state), barWidth, theme.ascii)} />
				<Text> {percent(runFraction(state), 0)}</Text>
			</Box>
			<SpeedLine state={state} width={width} />
		</Box>
	);
}

/** Images/s, elapsed, ETA and what happens between epochs; elapsed gives way when the note needs the room. */
function SpeedLine({state, width}: {state: TrainingState; width: number}) {
	const theme = useTheme();
	const dot = theme.ascii ? ' | ' : ' · ';
	// After an epoch's last batch: validation and the checkpoint; after the last epoch: the test set.
	const between =
		state.history.length >= state.epochs
			? 'scoring on the test images…'
			: state.batch === state.batches && state.history.length < state.epoch
				? 'validating and saving…'
				: undefined;
	const note = between === undefined ? undefined : asciiText(between, theme.ascii);
	const speed = rate(imagesPerSecond(state) ?? Number.NaN, 'images');
	const eta = `ETA ${remaining(etaSeconds(state))}`;
	const full = [speed, `elapsed ${duration(elapsedSeconds(state))}`, eta];
	// The spinner and its space take two columns before the note.
	const fits = (parts: string[]) => [...parts, `  ${note}`].join(dot).length <= width;
	const parts = note === undefined || fits(full) ? full : [speed, eta];
	return (
		<Text color={theme.color('muted')}>
			{asciiText(parts.join(dot), theme.ascii)}
			{note !== undefined && fits(parts) ? (
				<Text color={theme.color('accent')}>
					{dot}
					<Spinner type="line" /> {note}
				</Text>
			) : null}
		</Text>
	);
}

/** How to score the model: the e key first, then the command for a shell. */
function scoreIt(model: string): string {
	return `e evaluates it here; in a shell: digits eval --model ${model}`;
}

/** A teaching run's score: its held-out samples read by the model before and after. */
export function heldOutLine({heldOut, before, after}: {heldOut: number; before: number; after: number}): string {
	return `your ${counted(heldOut, 'held-out sample')}: ${percent(before, 0)} read right before, ${percent(after, 0)} after`;
}

/** The outcome in four lines; paths keep their end (the model's folder) when they must be shortened. */
function Outcome({state, width}: {state: TrainingState; width: number}) {
	const theme = useTheme();
	const outcome = state.outcome!;
	const place = (prefix: string, path: string) => `${prefix}${keepEnd(path, width - prefix.length, theme.ascii)}`;
	const lines: Array<{text: string; tone: 'ok' | 'bad' | 'warn' | 'plain' | 'muted'}> = [];
	switch (outcome.type) {
		case 'done':
			lines.push(
				{text: `Done: ${outcome.model} reached ${percent(outcome.testAccuracy)} test accuracy in ${duration(outcome.seconds)}`, tone: 'ok'},
				outcome.samples ? {text: heldOutLine(outcome.samples), tone: 'ok'} : {text: place('saved to ', outcome.path), tone: 'plain'},
				outcome.samples ? {text: place('saved to ', outcome.path), tone: 'plain'} : {text: 'it is now the loaded model (see the status line)', tone: 'muted'},
				{text: scoreIt(outcome.model), tone: 'muted'},
			);
			break;
		case 'cancelled':
			lines.push(
				{text: 'Stopped.', tone: 'warn'},
				outcome.path === null ? {text: 'no epoch had finished, so nothing was saved', tone: 'plain'} : {text: place(`epoch ${outcome.epoch} is saved in `, outcome.path), tone: 'plain'},
				{text: outcome.path === null ? '' : scoreIt(state.model ?? ''), tone: 'muted'},
			);
			break;
		case 'error':
			lines.push({text: 'Training failed:', tone: 'bad'}, {text: outcome.message, tone: 'plain'});
			break;
	}
	// Long lines wrap between words; the block stays four rows high.
	return (
		<Box flexDirection="column" height={4} overflow="hidden">
			{lines.map((line, index) => (
				<Text key={index} color={theme.color(line.tone)} bold={index === 0}>
					{asciiText(line.text, theme.ascii) || ' '}
				</Text>
			))}
		</Box>
	);
}
