// The parts of the Model info screen: the title, the layer table with the lines on how the
// model was trained, the loss and accuracy charts of its training history, and the model picker.
import {Box, Text} from 'ink';
import type {HistoryEntry} from '../model/types.js';
import type {Tone} from '../render/cells.js';
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

/**
 * The layer table (its header, the layer rows from `first` to `end`, the total), the line
 * saying which layers show when it scrolls, and the detail lines (each fits the width).
 */
export function Architecture({table, first, end, position, details}: {table: string[]; first: number; end: number; position: string; details: string[]}) {
	const theme = useTheme();
	const rows = table.slice(1, -1).slice(first, end);
	return (
		<Box flexDirection="column" flexShrink={0}>
			<Text color={theme.color('muted')} wrap="truncate-end">
				{table[0]}
			</Text>
			{rows.map((line, index) => (
				<Text key={first + index} wrap="truncate-end">
					{asciiText(line, theme.ascii)}
				</Text>
			))}
			<Text bold wrap="truncate-end">
				{table.at(-1)}
			</Text>
			<Text color={theme.color('muted')}>{asciiText(position, theme.ascii) || ' '}</Text>
			{details.map((line, index) => (
				<Text key={index} wrap="truncate-end">
					{asciiText(line, theme.ascii)}
				</Text>
			))}
		</Box>
	);
}

/**
 * The model picker: its table (header first) with the rows from `first` to `end`, the
 * selected one marked (inverse, and › without color), where the list is scrolled to, and a
 * message line (loading, an error, or what the pick changes).
 */
export function ModelPicker({table, selected, first, end, position, message}: {table: string[]; selected: number; first: number; end: number; position: string; message: {text: string; tone: Tone}}) {
	const theme = useTheme();
	return (
		<Box flexDirection="column" flexShrink={0}>
			<Text bold color={theme.color('accent')}>
				Choose the model for this session
			</Text>
			<Text> </Text>
			<Text color={theme.color('muted')} wrap="truncate-end">{`  ${table[0]}`}</Text>
			{table.slice(1).slice(first, end).map((line, index) => {
				const isSelected = first + index === selected;
				return (
					<Box key={first + index}>
						<Text color={theme.color('accent')}>{isSelected ? (theme.ascii ? '> ' : '› ') : '  '}</Text>
						<Text inverse={isSelected} wrap="truncate-end">
							{asciiText(line, theme.ascii)}
						</Text>
					</Box>
				);
			})}
			<Text color={theme.color('muted')}>{asciiText(position, theme.ascii) || ' '}</Text>
			<Text color={theme.color(message.tone)} wrap="truncate-end">
				{asciiText(message.text, theme.ascii)}
			</Text>
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
