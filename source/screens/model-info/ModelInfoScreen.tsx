// Model info: the layer table (name, type, output shape, parameters), the settings that made
// the model, its test metrics, where and when it was saved and on which backend; and the
// training history from meta.json as charts. A small window shows one part at a time (Tab).
import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import {useEffect, useState} from 'react';
import {useServices} from '../../hooks/use-services.js';
import {CellLine} from '../../components/CellLine.js';
import {useTheme} from '../../components/theme-context.js';
import {useKeymap} from '../../hooks/use-keymap.js';
import type {HistoryEntry, LayerSummary, ModelDescription} from '../../model/types.js';
import type {Line} from '../../render/cells.js';
import {asciiText} from '../../render/ascii-text.js';
import {markerSymbols, renderChart} from '../../render/chart.js';
import {backendLabel, count, duration, percent} from '../../render/format.js';

type Props = {model: string | undefined; width: number; height: number; onHome: () => void};

/** "(None, 13, 13, 32)", as Keras prints a layer's output shape. */
export function shapeText(shape: Array<number | null>): string {
	return `(${shape.map(size => (size === null ? 'None' : String(size))).join(', ')})`;
}

/** The layer table as text lines: a header, a row per layer, the total. */
export function layerTable(layers: LayerSummary[], total: number): string[] {
	const rows = layers.map(layer => [layer.name, layer.type, shapeText(layer.outputShape), count(layer.parameters)]);
	const header = ['layer', 'type', 'output shape', 'parameters'];
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => row[column]!.length)));
	const line = (cells: string[]) => cells.map((cell, column) => (column === 3 ? cell.padStart(widths[3]!) : cell.padEnd(widths[column]!))).join('   ');
	const totalLine = ['total', '', '', count(total)];
	return [line(header), ...rows.map(line), line(totalLine)];
}

/** The settings and outcome lines under the table. */
export function detailLines(description: ModelDescription): string[] {
	const {meta} = description;
	const options = meta.options;
	const last = meta.history.at(-1);
	const trainingTime = meta.history.reduce((sum, entry) => sum + entry.seconds, 0);
	return [
		`preset ${meta.preset} · ${options.epochs} epoch${options.epochs === 1 ? '' : 's'} · batch size ${options.batchSize} · learning rate ${options.learningRate} · validation split ${options.validationSplit} · seed ${meta.seed}${options.limit ? ` · first ${count(options.limit)} images` : ''}`,
		`test accuracy ${meta.test ? percent(meta.test.accuracy) : 'not measured'}` +
			(last ? ` · last epoch: loss ${last.loss.toFixed(4)}, accuracy ${percent(last.accuracy)}` + (last.valAccuracy === null ? '' : `, validation ${percent(last.valAccuracy)}`) : ''),
		`trained ${new Date(meta.createdAt).toISOString().slice(0, 16).replace('T', ' ')} UTC on ${backendLabel(meta.backend)} (${meta.trainer} trainer) in ${duration(trainingTime)}`,
		`saved in ${description.path}`,
	];
}

/** A history chart: the train values joined by a line, validation as markers, the epochs below. */
export function historyChart(history: HistoryEntry[], metric: 'loss' | 'accuracy', width: number, height: number, ascii: boolean): Line[] {
	const symbols = markerSymbols(ascii);
	const validation = metric === 'loss' ? (entry: HistoryEntry) => entry.valLoss : (entry: HistoryEntry) => entry.valAccuracy;
	const lines = renderChart({
		title: metric,
		points: history.map(entry => ({step: entry.epoch, value: entry[metric]})),
		epochs: history.map(entry => ({epoch: entry.epoch, step: entry.epoch, train: entry[metric], validation: validation(entry)})),
		width,
		height,
		min: metric === 'accuracy' ? accuracyFloor(history) : 0,
		max: metric === 'accuracy' ? 1 : undefined,
		format: metric === 'accuracy' ? value => `${(value * 100).toFixed(1)}%` : value => value.toFixed(2),
		ascii,
		smoothing: 0,
	});
	const hasValidation = history.some(entry => validation(entry) !== null);
	const legend: Line = [
		{text: `${metric}  `, tone: 'accent'},
		{text: `${symbols.curve}${symbols.train} train`, tone: 'train'},
		{text: hasValidation ? `  ${symbols.validation} validation` : '  (no validation)', tone: hasValidation ? 'validation' : 'muted'},
	];
	return [legend, ...lines.slice(1)];
}

/** The accuracy axis starts a little below the lowest value (in steps of 5%), so the epochs' gains show. */
function accuracyFloor(history: HistoryEntry[]): number {
	const lowest = Math.min(...history.flatMap(entry => (entry.valAccuracy === null ? [entry.accuracy] : [entry.accuracy, entry.valAccuracy])));
	return Math.max(0, Math.floor((lowest - 0.01) * 20) / 20);
}

export function ModelInfoScreen({model, width, height, onHome}: Props) {
	const theme = useTheme();
	const {model: service} = useServices();
	const [state, setState] = useState<{description?: ModelDescription; error?: string}>({});
	const [view, setView] = useState<'architecture' | 'history'>('architecture');
	useEffect(() => {
		if (model === undefined) return;
		let live = true;
		service.load(model).then(
			description => live && setState({description}),
			(error: Error) => live && setState({error: error.message}),
		);
		return () => {
			live = false;
		};
	}, [service, model]);
	useKeymap('modelInfo', {view: () => setView(now => (now === 'architecture' ? 'history' : 'architecture')), back: onHome});

	const inner = width - 2;
	const {description, error} = state;
	if (model === undefined || !description) {
		return (
			<Box flexDirection="column" paddingX={1} width={width} height={height}>
				{model === undefined ? (
					<Text color={theme.color('warn')}>No model is loaded yet: train one (Train on the menu), or wait for the status line to show one.</Text>
				) : error ? (
					<Text color={theme.color('bad')}>Could not read {model}: {error}</Text>
				) : (
					<Text>
						<Text color={theme.color('accent')}>
							<Spinner type={theme.ascii ? 'line' : 'dots'} />
						</Text>{' '}
						reading {model}…
					</Text>
				)}
			</Box>
		);
	}
	const table = layerTable(description.layers, description.parameters);
	const details = detailLines(description);
	// Title, blank, table, blank, details (each may wrap once at 80 columns).
	const architectureRows = 2 + table.length + 1 + details.reduce((sum, line) => sum + Math.ceil(line.length / inner), 0);
	const chartRows = Math.min(Math.max(height - 1 - architectureRows - 2, 0), 22);
	const together = chartRows >= 7;
	const showArchitecture = together || view === 'architecture';
	const showHistory = together || view === 'history';
	const plotHeight = together ? chartRows - 2 : Math.min(height - 5, 20);
	const chartWidth = Math.floor((inner - 2) / 2);
	const history = description.meta.history;
	return (
		<Box flexDirection="column" paddingX={1} width={width} height={height} overflow="hidden">
			<Text wrap="truncate-end">
				<Text bold color={theme.color('accent')}>
					{description.name}
				</Text>
				<Text color={theme.color('muted')}>
					{asciiText(` · ${count(description.parameters)} parameters${together ? '' : ` · Tab: ${view === 'architecture' ? 'training history' : 'architecture'}`}`, theme.ascii)}
				</Text>
			</Text>
			<Text> </Text>
			{showArchitecture && (
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
			)}
			{showArchitecture && showHistory && <Text> </Text>}
			{showHistory &&
				(history.length < 2 ? (
					<Text color={theme.color('muted')}>
						{history.length === 0 ? 'No training history in meta.json.' : 'One epoch only: see its numbers above; charts need two.'}
					</Text>
				) : (
					<Box>
						<Box flexDirection="column" width={chartWidth} flexShrink={0}>
							{historyChart(history, 'loss', chartWidth, plotHeight, theme.ascii).map((line, index) => (
								<CellLine key={index} line={line} />
							))}
						</Box>
						<Box width={2} flexShrink={0} />
						<Box flexDirection="column" width={chartWidth} flexShrink={0}>
							{historyChart(history, 'accuracy', chartWidth, plotHeight, theme.ascii).map((line, index) => (
								<CellLine key={index} line={line} />
							))}
						</Box>
					</Box>
				))}
		</Box>
	);
}
