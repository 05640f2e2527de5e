// The confusion matrix as a heat map: the pure renderer's cells, each count on a background
// from its own scale (blues for correct, reds for errors). Without color the renderer's
// marks carry it: [n] on the diagonal, *n* for the worst errors, dots for zeros; a legend
// line under it says so.
import {Box, Text} from 'ink';
import {confusionHeatmap, heatLevelColor, heatmapLegend, type HeatCell} from '../render/heatmap.js';
import {useTheme} from './theme-context.js';

export function ConfusionHeatmap({matrix}: {matrix: number[][]}) {
	const theme = useTheme();
	const lines = [...confusionHeatmap(matrix, {ascii: theme.ascii}), heatmapLegend({ascii: theme.ascii})];
	const colored = theme.level > 0;
	const cell = (cell: HeatCell, index: number) => {
		if ((cell.tone === 'correct' || cell.tone === 'error') && colored) {
			const {background, lightText} = heatLevelColor(cell.tone, cell.level);
			return (
				<Text key={index} backgroundColor={background} color={lightText ? 'white' : 'black'} bold={cell.tone === 'correct'}>
					{cell.text}
				</Text>
			);
		}
		const tone = cell.tone === 'label' ? 'accent' : cell.tone === 'axis' || cell.tone === 'zero' ? 'muted' : 'plain';
		return (
			<Text key={index} color={theme.color(tone)} bold={cell.tone === 'correct' || cell.tone === 'label'}>
				{cell.text}
			</Text>
		);
	};
	return (
		<Box flexDirection="column" flexShrink={0}>
			{lines.map((line, index) => (
				<Text key={index} wrap="truncate-end">
					{line.map(cell)}
				</Text>
			))}
		</Box>
	);
}

/** The heat map's width in columns (for layout). */
export function heatmapWidth(matrix: number[][]): number {
	const [, header] = confusionHeatmap(matrix);
	return header!.reduce((sum, cell) => sum + cell.text.length, 0);
}
