// The parts of the Evaluate screen: the big accuracy header, the view tabs, the classification report, the most confused pairs and the gallery of mistakes.
import {Box, Text} from 'ink';
import type {ConfusedPair} from '../model/metrics.js';
import type {Evaluation} from '../model/types.js';
import {asciiText} from '../render/ascii-text.js';
import {bigText} from '../render/big-text.js';
import type {Line} from '../render/cells.js';
import {digitPixels} from '../render/digit.js';
import {count, percent} from '../render/format.js';
import {predictionCaption, type MistakeOrder, type Page, type PredictedImage} from '../render/gallery.js';
import {classificationReportText} from '../render/classification-report.js';
import {TileGrid} from './DigitTile.js';
import {useTheme} from './theme-context.js';

export function AccuracyHeader({evaluation, width}: {evaluation: Evaluation; width: number}) {
	const theme = useTheme();
	const total = evaluation.labels.length;
	const right = Math.round(evaluation.accuracy * total);
	const big = bigText(percent(evaluation.accuracy), {ascii: theme.ascii});
	const side = [
		`accuracy on ${count(total)} test images`,
		`${count(right)} right · ${count(total - right)} wrong`,
		`model ${evaluation.model}`,
	];
	return (
		<Box height={3} width={width} flexShrink={0}>
			<Box flexDirection="column" flexShrink={0}>
				{big.map((row, index) => (
					<Text key={index} color={theme.color('ok')} bold>
						{row}
					</Text>
				))}
			</Box>
			<Box flexDirection="column" marginLeft={3} flexShrink={1}>
				{side.map((text, index) => (
					<Text key={index} color={theme.color(index === 0 ? 'plain' : 'muted')} bold={index === 0} wrap="truncate-end">
						{asciiText(text, theme.ascii)}
					</Text>
				))}
			</Box>
		</Box>
	);
}

export function ViewTabs({labels, current}: {labels: string[]; current: number}) {
	const theme = useTheme();
	return (
		<Text wrap="truncate-end">
			{labels.map((label, index) => (
				<Text key={label}>
					{index > 0 ? '  ' : ''}
					<Text color={theme.color(index === current ? 'accent' : 'muted')} inverse={index === current} bold={index === current}>
						{` ${index + 1} ${label} `}
					</Text>
				</Text>
			))}
			{labels.length > 1 && <Text color={theme.color('muted')}>{'  Tab: next'}</Text>}
		</Text>
	);
}

export function ReportTable({evaluation}: {evaluation: Evaluation}) {
	const lines = classificationReportText(evaluation.report, evaluation.accuracy).split('\n');
	const theme = useTheme();
	return (
		<Box flexDirection="column" flexShrink={0}>
			{lines.map((line, index) => (
				<Text key={index} color={theme.color(index === 0 ? 'muted' : 'plain')} bold={/^ *(accuracy|macro avg|weighted avg)/.test(line)} wrap="truncate-end">
					{line || ' '}
				</Text>
			))}
		</Box>
	);
}

export function PairList({pairs, selected, focused}: {pairs: ConfusedPair[]; selected: number; focused: boolean}) {
	const theme = useTheme();
	const arrow = theme.ascii ? '->' : '→';
	return (
		<Box flexDirection="column" flexShrink={0} width={32}>
			<Text bold>Most confused pairs</Text>
			<Text color={theme.color('muted')}>{`   true ${arrow} predicted   images`}</Text>
			{pairs.length === 0 && <Text color={theme.color('muted')}>none: every test digit is right</Text>}
			{pairs.map((pair, index) => {
				const isSelected = index === selected;
				return (
					<Text key={`${pair.label}-${pair.predicted}`} wrap="truncate-end">
						<Text color={theme.color('accent')}>{isSelected ? (theme.ascii ? '> ' : '› ') : '  '}</Text>
						<Text inverse={isSelected && focused} color={theme.color('bad')}>
							{`${index + 1}.   ${pair.label} ${arrow} ${pair.predicted}`.padEnd(20)}
						</Text>
						<Text>{String(pair.count).padStart(6)}</Text>
					</Text>
				);
			})}
			<Text color={theme.color('muted')}>{pairs.length > 0 ? 'Enter shows their test images' : ' '}</Text>
		</Box>
	);
}

export type GalleryProps = {
	page: Page<PredictedImage>;
	total: number;
	order: MistakeOrder;
	pair?: {label: number; predicted: number};
	testImages?: Uint8Array;
	columns: number;
	width: number;
};

export function Gallery({page, total, order, pair, testImages, columns, width}: GalleryProps) {
	const theme = useTheme();
	const arrow = theme.ascii ? '->' : '→';
	const shownRange = page.items.length > 0 ? `${page.first + 1}–${page.first + page.items.length} of ${count(total)}` : `${count(total)}`;
	const what = pair ? `true ${pair.label} ${arrow} ${pair.predicted}: ${shownRange}` : `Mistakes ${shownRange}`;
	const sorted = order === 'confidence' ? 'most confident first' : 'in test-set order';
	const keys = `${theme.ascii ? '<- ->' : '←→'} pages · s sort${pair ? ' · a all' : ''}`;
	const tiles = testImages
		? page.items.map(image => ({
				key: image.index,
				pixels: digitPixels(testImages, image.index),
				caption: [
					[
						{text: predictionCaption(image, {ascii: theme.ascii}), tone: 'bad'},
						{text: `  #${image.index}`, tone: 'muted'},
					],
				] as Line[],
			}))
		: [];
	return (
		<Box flexDirection="column" width={width}>
			<Text wrap="truncate-end">
				<Text bold>{asciiText(what, theme.ascii)}</Text>
				<Text color={theme.color('muted')}>
					{asciiText(`, ${sorted} · ${keys}`, theme.ascii)}
				</Text>
			</Text>
			{total === 0 ? (
				<Text color={theme.color('muted')}>No misclassified test digits.</Text>
			) : testImages ? (
				<TileGrid tiles={tiles} columns={columns} />
			) : (
				<Text color={theme.color('muted')}>{asciiText('reading the test images…', theme.ascii)}</Text>
			)}
		</Box>
	);
}
