// Evaluate: accuracy first, then the confusion heat map, the classification report, the
// most confused pairs and a gallery of the misclassified digits. Parts that do not fit
// together get a view each (Tab). `w` writes the PNG report for the cached evaluation.
// Composition only: the view state is a pure reducer, the window's split a pure layout.
import {Box, Text} from 'ink';
import {useMemo, useReducer} from 'react';
import {heatmapWidth} from '../../components/ConfusionHeatmap.js';
import {tileSize} from '../../components/DigitTile.js';
import {EvaluationOverview} from '../../components/EvaluationOverview.js';
import {AccuracyHeader, Gallery, ViewTabs} from '../../components/EvaluationParts.js';
import {EvaluationWaiting} from './EvaluationWaiting.js';
import {useTheme} from '../../components/theme-context.js';
import {useEvaluation} from '../../hooks/use-evaluation.js';
import {useKeymap} from '../../hooks/use-keymap.js';
import {useReportWriter} from '../../hooks/use-report-writer.js';
import {useTestSet} from '../../hooks/use-test-set.js';
import {mostConfusedPairs} from '../../model/metrics.js';
import {asciiText} from '../../render/ascii-text.js';
import {fitLines} from '../../render/fit-text.js';
import {misclassified, pageOf} from '../../render/gallery.js';
import {evaluateLayout, footerRows, galleryGrid, partSizes} from './evaluate-layout.js';
import {currentView, evaluateReducer, initialEvaluate, type EvaluateContext} from './evaluate-state.js';

type Props = {model: string | undefined; width: number; height: number; onHome: () => void};

/** The heat map's size before there is a matrix to measure. */
const heatmapSize = {width: 76, height: 13};

export function EvaluateScreen({model, width, height, onHome}: Props) {
	const theme = useTheme();
	const evaluated = useEvaluation(model);
	const testSet = useTestSet();
	const [state, dispatch] = useReducer(evaluateReducer, initialEvaluate);
	const done = evaluated.phase === 'done' ? evaluated : undefined;
	const evaluation = done?.evaluation;
	const report = useReportWriter(done, testSet);

	const layout = evaluateLayout(width, height, evaluation ? {...heatmapSize, width: heatmapWidth(evaluation.confusionMatrix)} : heatmapSize);
	const {views} = layout;
	const current = currentView(state, views);
	const parts = views[current]!.parts;
	const pairs = useMemo(() => (evaluation ? mostConfusedPairs(evaluation.confusionMatrix, 5) : []), [evaluation]);
	const mistakes = useMemo(() => (evaluation ? misclassified(evaluation, {order: state.order, pair: state.pair}) : []), [evaluation, state.order, state.pair]);
	const grid = galleryGrid(layout.content, tileSize);
	const shown = pageOf(mistakes, state.page, grid.columns * grid.rows);

	const at: EvaluateContext = {views, pairs, pages: shown.pages};
	useKeymap(
		'evaluate',
		{
			view: () => dispatch({type: 'nextView', at}),
			previousView: () => dispatch({type: 'previousView', at}),
			choose: key => dispatch({type: 'showView', index: Number(key) - 1, at}),
			up: () => dispatch({type: 'select', by: -1, at}),
			down: () => dispatch({type: 'select', by: 1, at}),
			open: () => dispatch({type: 'openPair', at}),
			all: () => dispatch({type: 'all'}),
			nextPage: () => dispatch({type: 'turnPage', by: 1, at}),
			previousPage: () => dispatch({type: 'turnPage', by: -1, at}),
			sort: () => dispatch({type: 'sort'}),
			write: report.write,
			back: onHome,
		},
		// The help offers the view numbers this window size has.
		{inUse: {choose: views.map((_, index) => String(index + 1))}},
	);

	if (evaluated.phase !== 'done') {
		return (
			<Box flexDirection="column" paddingX={1} width={width} height={height}>
				<EvaluationWaiting state={evaluated} model={model} width={width - 2} />
			</Box>
		);
	}
	const testImages = testSet.phase === 'ready' ? testSet.testSet.images : undefined;
	return (
		<Box flexDirection="column" paddingX={1} width={width} height={height} overflow="hidden">
			<AccuracyHeader evaluation={evaluated.evaluation} width={width - 2} />
			<ViewTabs labels={views.map(view => view.label)} current={current} />
			<Box flexDirection="column" height={layout.content.height} overflow="hidden">
				{parts.includes('gallery') ? (
					<Gallery page={shown} total={mistakes.length} order={state.order} pair={state.pair} testImages={testImages} columns={grid.columns} width={layout.content.width} />
				) : (
					<EvaluationOverview
						evaluation={evaluated.evaluation}
						parts={parts.filter(part => part !== 'gallery')}
						matrixBesideReport={layout.matrixBesideReport}
						pairsBeside={layout.pairsBeside}
						gap={partSizes.gap}
						pairs={pairs}
						selected={state.selected}
					/>
				)}
			</Box>
			{report.notice && (
				<Box height={footerRows} overflow="hidden">
					<Text color={theme.color(report.notice.tone)}>{fitLines(asciiText(report.notice.text, theme.ascii), width - 2, footerRows, theme.ascii).join('\n')}</Text>
				</Box>
			)}
		</Box>
	);
}
