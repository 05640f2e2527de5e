// The parts of the Model info screen: the title, the layer table with the lines on how the
// model was trained, and the loss and accuracy charts of its training history.
import {Box, Text} from 'ink';
import type {HistoryEntry} from '../model/types.js';
import {asciiText} from '../render/ascii-text.js';
import {count} from '../render/format.js';
import {historyChart} from '../render/model-info.js';
import {CellLine} from './CellLine.js';
import {useTheme} from './theme-context.js';

export function ModelTitle({name, parameters, hint}: {name: string; parameters: number; hint: string}) {
	const theme = useTheme();
	return (
		<Text wrap="truncate-end">
			<Text bold color={theme.color('accent')}>
				{name}
			</Text>
			<Text color={theme.color('muted')}>{asciiText(` · ${count(parameters)} parameters${hint}`, theme.ascii)}</Text>
		</Text>
	);
}

export function Architecture({table, details}: {table: string[]; details: string[]}) {
	const theme = useTheme();
	return (
		<Box flexDirection="column">
			{table.map((line, index) => (
				<Text key={index} color={theme.color(index === 0 ? 'muted' : 'plain')} bold={index === table.length - 1} wrap="truncate-end">
					{line}
				</Text>
			))}
			<Text> </Text>
			{details.map((line, index) => (
				<Text key={index} wrap="wrap">
					{asciiText(line, theme.ascii)}
				</Text>
			))}
		</Box>
	);
}

/** Loss and accuracy side by side, `width` columns each; a note instead when there are fewer than two epochs. */
export function HistoryCharts({history, width, plotHeight}: {history: HistoryEntry[]; width: number; plotHeight: number}) {
	const theme = useTheme();
	if (history.length < 2) {
		return <Text color={theme.color('muted')}>{history.length === 0 ? 'No training history in meta.json.' : 'One epoch only: see its numbers above; charts need two.'}</Text>;
	}
	const chart = (metric: 'loss' | 'accuracy') => (
		<Box flexDirection="column" width={width} flexShrink={0}>
			{historyChart(history, metric, width, plotHeight, theme.ascii).map((line, index) => (
				<CellLine key={index} line={line} />
			))}
		</Box>
	);
	return (
		<Box>
			{chart('loss')}
			<Box width={2} flexShrink={0} />
			{chart('accuracy')}
		</Box>
	);
}
