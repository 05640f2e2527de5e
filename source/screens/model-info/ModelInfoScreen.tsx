// Model info: the layer table (name, type, output shape, parameters), the settings that made
// the model, its test metrics, where and when it was saved and on which backend; and the
// training history from meta.json as charts. A small window shows one part at a time (Tab).
import {Box, Text} from 'ink';
import {useReducer} from 'react';
import {Architecture, HistoryCharts, ModelTitle} from '../../components/ModelInfoParts.js';
import {useTheme} from '../../components/theme-context.js';
import {Busy, NoModelYet} from '../../components/Waiting.js';
import {useKeymap} from '../../hooks/use-keymap.js';
import {useModel} from '../../hooks/use-model.js';
import {detailLines, layerTable} from '../../render/model-info.js';
import {modelInfoLayout} from './model-info-layout.js';
import {initialModelInfo, modelInfoReducer} from './model-info-state.js';

type Props = {model: string | undefined; width: number; height: number; onHome: () => void};

export function ModelInfoScreen({model, width, height, onHome}: Props) {
	const theme = useTheme();
	const loaded = useModel(model);
	const [state, dispatch] = useReducer(modelInfoReducer, initialModelInfo);
	useKeymap('modelInfo', {view: () => dispatch({type: 'switchView'}), back: onHome});

	if (loaded.status !== 'loaded') {
		return (
			<Box flexDirection="column" paddingX={1} width={width} height={height}>
				{loaded.status === 'none' ? (
					<NoModelYet />
				) : loaded.status === 'failed' ? (
					<Text color={theme.color('bad')}>
						Could not read {model}: {loaded.error}
					</Text>
				) : (
					<Busy>reading {model}…</Busy>
				)}
			</Box>
		);
	}
	const {description} = loaded;
	const table = layerTable(description.layers, description.parameters);
	const details = detailLines(description);
	const layout = modelInfoLayout(width, height, {tableRows: table.length, details}, state.view);
	return (
		<Box flexDirection="column" paddingX={1} width={width} height={height} overflow="hidden">
			<ModelTitle name={description.name} parameters={description.parameters} hint={layout.tabHint} />
			<Text> </Text>
			{layout.showArchitecture && <Architecture table={table} details={details} />}
			{layout.showArchitecture && layout.showHistory && <Text> </Text>}
			{layout.showHistory && <HistoryCharts history={description.meta.history} width={layout.chartWidth} plotHeight={layout.plotHeight} />}
		</Box>
	);
}
