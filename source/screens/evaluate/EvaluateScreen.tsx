// Evaluate: accuracy first, then the confusion heat map, the classification report, the
// most confused pairs and a gallery of the misclassified digits. Parts that do not fit
// together get a view each (Tab). `w` writes the PNG report for the cached evaluation.
import path from 'node:path';
import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import {useMemo, useState} from 'react';
import {useServices} from '../../hooks/use-services.js';
import {ConfusionHeatmap, heatmapWidth} from '../../components/ConfusionHeatmap.js';
import {CellLine} from '../../components/CellLine.js';
import {tileSize} from '../../components/DigitTile.js';
import {AccuracyHeader, Gallery, PairList, ReportTable, ViewTabs} from '../../components/EvaluationParts.js';
import {useTheme} from '../../components/theme-context.js';
import {useEvaluation, type EvaluationState} from '../../hooks/use-evaluation.js';
import {useKeymap} from '../../hooks/use-keymap.js';
import {useTestSet} from '../../hooks/use-test-set.js';
import {mostConfusedPairs, type ConfusedPair} from '../../model/metrics.js';
import type {Tone} from '../../render/cells.js';
import {asciiText} from '../../render/ascii-text.js';
import {count} from '../../render/format.js';
import {gridSize, misclassified, pageOf, type MistakeOrder} from '../../render/gallery.js';
import {progressBar} from '../../render/progress.js';
import {evaluateLayout, partSizes} from './evaluate-layout.js';

type Props = {model: string | undefined; width: number; height: number; onHome: () => void};

type Notice = {text: string; tone: Tone};

export function EvaluateScreen({model, width, height, onHome}: Props) {
	const theme = useTheme();
	const services = useServices();
	const state = useEvaluation(model);
	const testSet = useTestSet();
	const [viewIndex, setViewIndex] = useState(0);
	const [selected, setSelected] = useState(0);
	const [pair, setPair] = useState<ConfusedPair | undefined>();
	const [order, setOrder] = useState<MistakeOrder>('confidence');
	const [page, setPage] = useState(0);
	const [notice, setNotice] = useState<Notice | undefined>();

	const evaluation = state.phase === 'done' ? state.evaluation : undefined;
	const matrix = evaluation?.confusionMatrix ?? [];
	const layout = evaluateLayout(width, height, {width: matrix.length > 0 ? heatmapWidth(matrix) : 76, height: 12});
	const views = layout.views;
	const current = Math.min(viewIndex, views.length - 1);
	const parts = views[current]!.parts;
	const pairs = useMemo(() => (evaluation ? mostConfusedPairs(evaluation.confusionMatrix, 5) : []), [evaluation]);
	const mistakes = useMemo(() => (evaluation ? misclassified(evaluation, {order, pair}) : []), [evaluation, order, pair]);
	const galleryGrid = gridSize({width: layout.content.width, height: layout.content.height - 1}, {width: tileSize.width, height: tileSize.digitRows + 1});
	const perPage = galleryGrid.columns * galleryGrid.rows;
	const shown = pageOf(mistakes, page, perPage);

	const showView = (index: number) => {
		if (index < 0 || index >= views.length) return;
		setViewIndex(index);
	};
	const galleryView = views.findIndex(view => view.parts.includes('gallery'));
	const openPair = () => {
		const chosen = pairs[selected];
		if (!chosen) return;
		setPair(chosen);
		setPage(0);
		showView(galleryView);
	};
	const write = () => {
		if (state.phase !== 'done') return;
		if (testSet.phase !== 'ready') {
			setNotice({text: testSet.phase === 'failed' ? `cannot write the report: ${testSet.message}` : 'the test images are still being read; try again in a moment', tone: 'warn'});
			return;
		}
		const dir = path.join(services.reportsDir ?? 'reports', state.evaluation.model);
		setNotice({text: `writing the report into ${dir}${path.sep} …`, tone: 'muted'});
		// jimp is the slowest import: loaded only when a report is asked for.
		import('../../report/write-report.js')
			.then(({writeReport}) => writeReport(dir, {evaluation: state.evaluation, meta: state.description.meta, testImages: testSet.testSet.images}))
			.then(
				files => setNotice({text: `report written to ${dir}${path.sep}: ${files.map(file => path.basename(file)).join(', ')}`, tone: 'ok'}),
				(error: Error) => setNotice({text: `could not write the report to ${dir}: ${error.message}`, tone: 'bad'}),
			);
	};
	useKeymap('evaluate', {
		view: () => setViewIndex((current + 1) % views.length),
		previousView: () => setViewIndex((current - 1 + views.length) % views.length),
		choose: key => showView(Number(key) - 1),
		up: () => parts.includes('pairs') && setSelected(index => Math.max(0, index - 1)),
		down: () => parts.includes('pairs') && setSelected(index => Math.min(pairs.length - 1, index + 1)),
		open: () => parts.includes('pairs') && openPair(),
		all: () => {
			setPair(undefined);
			setPage(0);
		},
		nextPage: () => parts.includes('gallery') && setPage(Math.min(shown.page + 1, shown.pages - 1)),
		previousPage: () => parts.includes('gallery') && setPage(Math.max(shown.page - 1, 0)),
		sort: () => {
			setOrder(now => (now === 'confidence' ? 'index' : 'confidence'));
			setPage(0);
		},
		write,
		back: onHome,
	});

	if (state.phase !== 'done') {
		return (
			<Box flexDirection="column" paddingX={1} width={width} height={height}>
				<Waiting state={state} model={model} width={width - 2} />
			</Box>
		);
	}
	const heatmap = <ConfusionHeatmap matrix={matrix} />;
	const report = <ReportTable evaluation={state.evaluation} />;
	const pairList = <PairList pairs={pairs} selected={selected} focused={parts.includes('pairs')} />;
	const gap = <Box width={partSizes.gap} flexShrink={0} />;
	let body;
	if (parts.includes('gallery')) {
		body = (
			<Gallery
				page={shown}
				total={mistakes.length}
				order={order}
				pair={pair}
				testImages={testSet.phase === 'ready' ? testSet.testSet.images : undefined}
				columns={galleryGrid.columns}
				width={layout.content.width}
			/>
		);
	} else if (parts.length === 1) {
		body = parts[0] === 'matrix' ? heatmap : parts[0] === 'report' ? report : pairList;
	} else if (layout.matrixBesideReport) {
		body = (
			<Box>
				<Box flexDirection="column" gap={1}>
					{heatmap}
					{layout.pairsBeside === 'matrix' && pairList}
				</Box>
				{gap}
				{report}
				{layout.pairsBeside === 'report' && gap}
				{layout.pairsBeside === 'report' && pairList}
			</Box>
		);
	} else {
		body = (
			<Box flexDirection="column" gap={1}>
				<Box>
					{heatmap}
					{layout.pairsBeside === 'matrix' && gap}
					{layout.pairsBeside === 'matrix' && pairList}
				</Box>
				<Box>
					{report}
					{layout.pairsBeside === 'report' && gap}
					{layout.pairsBeside === 'report' && pairList}
				</Box>
			</Box>
		);
	}
	return (
		<Box flexDirection="column" paddingX={1} width={width} height={height} overflow="hidden">
			<AccuracyHeader evaluation={state.evaluation} width={width - 2} />
			<ViewTabs labels={views.map(view => view.label)} current={current} />
			<Box flexDirection="column" height={layout.content.height} overflow="hidden">
				{body}
			</Box>
			<Text color={theme.color(notice?.tone ?? 'muted')} wrap="truncate-end">
				{asciiText(notice?.text ?? `w writes the PNG report into ${path.join(services.reportsDir ?? 'reports', state.evaluation.model)}${path.sep}`, theme.ascii)}
			</Text>
		</Box>
	);
}

function Waiting({state, model, width}: {state: Exclude<EvaluationState, {phase: 'done'}>; model: string | undefined; width: number}) {
	const theme = useTheme();
	const spinner = (
		<Text color={theme.color('accent')}>
			<Spinner type={theme.ascii ? 'line' : 'dots'} />{' '}
		</Text>
	);
	switch (state.phase) {
		case 'noModel':
			return <Text color={theme.color('warn')}>No model is loaded yet: train one (Train on the menu), or wait for the status line to show one.</Text>;
		case 'failed':
			return (
				<Box flexDirection="column">
					<Text color={theme.color('bad')} bold>
						Could not evaluate {model ?? 'the model'}:
					</Text>
					<Text wrap="wrap">{state.message}</Text>
				</Box>
			);
		case 'describing':
			return (
				<Text>
					{spinner}loading {model}…
				</Text>
			);
		case 'running': {
			const fraction = state.total > 0 ? state.done / state.total : 0;
			const counter = state.total > 0 ? ` ${count(state.done)}/${count(state.total)}` : '';
			return (
				<Box flexDirection="column">
					<Text bold color={theme.color('accent')}>
						Evaluating {state.description.name} on the test images
					</Text>
					<Box>
						{spinner}
						<CellLine line={progressBar(fraction, Math.max(width - 2 - counter.length - 1, 10), theme.ascii)} />
						<Text>{counter}</Text>
					</Box>
					<Text color={theme.color('muted')}>the result is kept until the model changes</Text>
				</Box>
			);
		}
	}
}
