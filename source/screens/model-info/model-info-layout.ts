// How the Model info screen shares the window: the architecture (title, layer table, details)
// and the history charts together when the charts get enough rows, else one at a time (Tab);
// a layer table taller than its room scrolls. Pure, so it is tested without Ink.
import type {ModelDescription} from '../../model/types.js';
import {detailLines, layerTable, wrapLine} from '../../render/model-info.js';
import type {ModelInfoView} from './model-info-state.js';

export type ModelInfoLayout = {
	together: boolean;
	showArchitecture: boolean;
	showHistory: boolean;
	/** How many layer rows the table shows at once (all of them unless it scrolls). */
	layerRows: number;
	/** Rows of each chart's plot, and the width of each of the two charts. */
	plotHeight: number;
	chartWidth: number;
	/** After the title when one part is shown: what Tab switches to. */
	tabHint: string;
};

/** The charts' rows at most, and the fewest worth showing beside the architecture. */
const chartRowsMost = 22;
const chartRowsLeast = 7;
/** Title, blank, table header, total, and the line under the table (blank, or where the table is scrolled to). */
const architectureFrame = 5;

/** `architecture`: the table's layer count and the detail lines' rows, as wrapped to the width. */
export function modelInfoLayout(width: number, height: number, architecture: {layers: number; detailRows: number}, view: ModelInfoView): ModelInfoLayout {
	const inner = width - 2;
	const architectureRows = architectureFrame + architecture.layers + architecture.detailRows;
	const chartRows = Math.min(Math.max(height - 1 - architectureRows - 2, 0), chartRowsMost);
	const together = chartRows >= chartRowsLeast;
	return {
		together,
		showArchitecture: together || view === 'architecture',
		showHistory: together || view === 'history',
		layerRows: Math.min(architecture.layers, Math.max(height - architectureFrame - architecture.detailRows, 1)),
		plotHeight: together ? chartRows - 2 : Math.min(height - 5, 20),
		chartWidth: Math.floor((inner - 2) / 2),
		tabHint: together ? '' : ` · Tab: ${view === 'architecture' ? 'training history' : 'architecture'}`,
	};
}

/** The rows a scrolled list shows: from `first` up to (not including) `end`; `top` is kept within the list. */
export function visibleRows(top: number, shown: number, total: number): {first: number; end: number} {
	const first = Math.max(0, Math.min(top, total - shown));
	return {first, end: Math.min(first + shown, total)};
}

/** The model picker: a title and a blank line, the table's header, its rows, a blank or position line, and a message line. */
export function pickerRows(height: number, models: number): number {
	return Math.min(models, Math.max(height - 5, 1));
}

/** The architecture's text at this width: the layer table and the detail lines, each line fitting. */
export function architectureText(description: ModelDescription, width: number): {table: string[]; details: string[]} {
	const inner = width - 2;
	return {table: layerTable(description.layers, description.parameters, inner), details: detailLines(description).flatMap(line => wrapLine(line, inner))};
}
