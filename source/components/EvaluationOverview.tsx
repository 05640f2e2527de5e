// The Evaluate screen's overview parts: the heat map, the classification report and the
// confused pairs, side by side or stacked as the layout decided; or one of them alone.
import {Box} from 'ink';
import type {ConfusedPair} from '../model/metrics.js';
import type {Evaluation} from '../model/types.js';
import {ConfusionHeatmap} from './ConfusionHeatmap.js';
import {PairList, ReportTable} from './EvaluationParts.js';

export type OverviewProps = {
	evaluation: Evaluation;
	parts: ReadonlyArray<'matrix' | 'report' | 'pairs'>;
	matrixBesideReport: boolean;
	pairsBeside: 'matrix' | 'report' | 'none';
	/** Columns between parts side by side. */
	gap: number;
	pairs: ConfusedPair[];
	selected: number;
};

export function EvaluationOverview({evaluation, parts, matrixBesideReport, pairsBeside, gap, pairs, selected}: OverviewProps) {
	const heatmap = <ConfusionHeatmap matrix={evaluation.confusionMatrix} />;
	const report = <ReportTable evaluation={evaluation} />;
	const pairList = <PairList pairs={pairs} selected={selected} focused={parts.includes('pairs')} />;
	if (parts.length === 1) return parts[0] === 'matrix' ? heatmap : parts[0] === 'report' ? report : pairList;
	const space = <Box width={gap} flexShrink={0} />;
	if (matrixBesideReport) {
		return (
			<Box>
				<Box flexDirection="column" gap={1}>
					{heatmap}
					{pairsBeside === 'matrix' && pairList}
				</Box>
				{space}
				{report}
				{pairsBeside === 'report' && space}
				{pairsBeside === 'report' && pairList}
			</Box>
		);
	}
	return (
		<Box flexDirection="column" gap={1}>
			<Box>
				{heatmap}
				{pairsBeside === 'matrix' && space}
				{pairsBeside === 'matrix' && pairList}
			</Box>
			<Box>
				{report}
				{pairsBeside === 'report' && space}
				{pairsBeside === 'report' && pairList}
			</Box>
		</Box>
	);
}
