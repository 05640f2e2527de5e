// Model info: the layer table (name, type, output shape, parameters), the settings that made
// the model, its test metrics, where and when it was saved and on which backend; and the
// training history from meta.json as charts. A small window shows one part at a time (Tab)
// and scrolls the layer table. `m` opens the model picker: the model chosen there is the
// session's model (Sketch, Load image, Examples, Evaluate).
import {Box, Text} from 'ink';
import {useReducer} from 'react';
import {Architecture, HistoryCharts, ModelPicker, ModelTitle} from '../../components/ModelInfoParts.js';
import {useTheme} from '../../components/theme-context.js';
import {Busy, NoModelYet} from '../../components/Waiting.js';
import {useKeymap} from '../../hooks/use-keymap.js';
import {useModel, type ModelState} from '../../hooks/use-model.js';
import {useListModels} from '../../hooks/use-services.js';
import type {ModelDescription} from '../../model/types.js';
import {modelPickerTable, scrollPosition} from '../../render/model-info.js';
import {architectureText, modelInfoLayout, pickerRows, visibleRows} from './model-info-layout.js';
import {initialModelInfo, modelInfoReducer, type ModelInfoView, type ModelPickerState} from './model-info-state.js';

type Props = {
	model: string | undefined;
	width: number;
	height: number;
	onHome: () => void;
	/** Loads a model as the session's model; rejects with why it could not. */
	onUseModel: (name: string) => Promise<void>;
};

export function ModelInfoScreen({model, width, height, onHome, onUseModel}: Props) {
	const loaded = useModel(model);
	const listModels = useListModels();
	const [state, dispatch] = useReducer(modelInfoReducer, initialModelInfo);
	const {picker} = state;
	const info = loaded.status === 'loaded' ? architectureParts(loaded.description, width, height, state.view) : undefined;
	const shown = info?.layout.layerRows ?? 0;
	const total = info?.description.layers.length ?? 0;
	const scroll = (by: number) => dispatch({type: 'scroll', by, shown, total});
	useKeymap(
		'modelInfo',
		{
			up: () => scroll(-1),
			down: () => scroll(1),
			pageUp: () => scroll(-shown),
			pageDown: () => scroll(shown),
			view: () => dispatch({type: 'switchView'}),
			models: () => dispatch({type: 'openPicker', models: listModels(), current: model}),
			back: onHome,
		},
		{active: !picker},
	);
	const use = () => {
		const chosen = picker?.models[picker.selected];
		if (!chosen || picker?.loading) return;
		if (chosen.name === model) {
			dispatch({type: 'closePicker'});
			return;
		}
		dispatch({type: 'pickStarted', name: chosen.name});
		onUseModel(chosen.name).then(
			() => dispatch({type: 'closePicker'}),
			(error: Error) => dispatch({type: 'pickFailed', name: chosen.name, message: error.message}),
		);
	};
	useKeymap(
		'modelPicker',
		{up: () => dispatch({type: 'movePicker', by: -1}), down: () => dispatch({type: 'movePicker', by: 1}), use, close: () => dispatch({type: 'closePicker'})},
		{active: Boolean(picker)},
	);

	return (
		<Box flexDirection="column" paddingX={1} width={width} height={height} overflow="hidden">
			{picker ? (
				<PickerView picker={picker} model={model} width={width} height={height} />
			) : loaded.status !== 'loaded' ? (
				<NotLoaded loaded={loaded} model={model} />
			) : (
				info && <InfoView info={info} top={state.top} />
			)}
		</Box>
	);
}

type ArchitectureParts = ReturnType<typeof architectureParts>;

function architectureParts(description: ModelDescription, width: number, height: number, view: ModelInfoView) {
	const {table, details} = architectureText(description, width);
	return {description, table, details, layout: modelInfoLayout(width, height, {layers: description.layers.length, detailRows: details.length}, view)};
}

function InfoView({info, top}: {info: ArchitectureParts; top: number}) {
	const {description, table, details, layout} = info;
	const {first, end} = visibleRows(top, layout.layerRows, description.layers.length);
	return (
		<>
			<ModelTitle name={description.name} parameters={description.parameters} hint={layout.tabHint} />
			<Text> </Text>
			{layout.showArchitecture && <Architecture table={table} first={first} end={end} position={scrollPosition(first, end, description.layers.length, 'layers')} details={details} />}
			{layout.showArchitecture && layout.showHistory && <Text> </Text>}
			{layout.showHistory && <HistoryCharts history={description.meta.history} width={layout.chartWidth} plotHeight={layout.plotHeight} />}
		</>
	);
}

function PickerView({picker, model, width, height}: {picker: ModelPickerState; model: string | undefined; width: number; height: number}) {
	const count = picker.models.length;
	const {first, end} = visibleRows(picker.selected - Math.floor(pickerRows(height, count) / 2), pickerRows(height, count), count);
	const message =
		picker.loading !== undefined
			? {text: `loading ${picker.loading}…`, tone: 'accent' as const}
			: picker.error !== undefined
				? {text: picker.error, tone: 'bad' as const}
				: count === 0
					? {text: 'No models yet; train one (Train on the menu).', tone: 'warn' as const}
					: {text: 'Enter: use it in this session; `digits models --use NAME` sets the default.', tone: 'muted' as const};
	return <ModelPicker table={modelPickerTable(picker.models, model, width - 2)} selected={picker.selected} first={first} end={end} position={scrollPosition(first, end, count, 'models')} message={message} />;
}

function NotLoaded({loaded, model}: {loaded: Exclude<ModelState, {status: 'loaded'}>; model: string | undefined}) {
	const theme = useTheme();
	if (loaded.status === 'none') return <NoModelYet />;
	if (loaded.status === 'failed') {
		return (
			<Text color={theme.color('bad')}>
				Could not read {model}: {loaded.error}
			</Text>
		);
	}
	return <Busy>reading {model}…</Busy>;
}
