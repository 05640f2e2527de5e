// How the Model info screen shares the window: the architecture (title, layer table, details)
// and the history charts together when the charts get enough rows, else one at a time (Tab).
// Pure, so it is tested without Ink.
import type {ModelInfoView} from './model-info-state.js';

export type ModelInfoLayout = {
	together: boolean;
	showArchitecture: boolean;
	showHistory: boolean;
	/** Rows of each chart's plot, and the width of each of the two charts. */
	plotHeight: number;
	chartWidth: number;
	/** After the title when one part is shown: what Tab switches to. */
	tabHint: string;
};

/** The charts' rows at most, and the fewest worth showing beside the architecture. */
const chartRowsMost = 22;
const chartRowsLeast = 7;

export function modelInfoLayout(width: number, height: number, architecture: {tableRows: number; details: string[]}, view: ModelInfoView): ModelInfoLayout {
	const inner = width - 2;
	// Title, blank, table, blank, details (each may wrap once at 80 columns).
	const architectureRows = 2 + architecture.tableRows + 1 + architecture.details.reduce((sum, line) => sum + Math.ceil(line.length / inner), 0);
	const chartRows = Math.min(Math.max(height - 1 - architectureRows - 2, 0), chartRowsMost);
	const together = chartRows >= chartRowsLeast;
	return {
		together,
		showArchitecture: together || view === 'architecture',
		showHistory: together || view === 'history',
		plotHeight: together ? chartRows - 2 : Math.min(height - 5, 20),
		chartWidth: Math.floor((inner - 2) / 2),
		tabHint: together ? '' : ` · Tab: ${view === 'architecture' ? 'training history' : 'architecture'}`,
	};
}
