// How the training screen uses the window: two charts side by side, as tall as the window
// allows next to the progress block and the epoch table. From 80×24 up everything fits at
// once, so there is no Tab between parts.

export type TrainingLayout = {
	/** Width of each of the two charts. */
	chartWidth: number;
	/** Plot rows of each chart (the chart adds a legend row and an epoch row). */
	plotHeight: number;
	/** Epochs shown in the table (its header is one more row). */
	tableRows: number;
};

/** Rows besides the charts and the table: progress block (4) + blank + blank + table header. */
const fixedRows = 7;
const chartFrame = 2;
const minimumPlot = 5;
const maximumPlot = 30;
const maximumTable = 10;

/**
 * `columns` × `rows` is the space the screen gets (status line excluded); `epochs` is the
 * run's epoch count, which bounds the table.
 */
export function trainingLayout(columns: number, rows: number, epochs: number): TrainingLayout {
	const chartWidth = Math.max(Math.floor((columns - 2 - 2) / 2), 10);
	const wantedTable = Math.min(Math.max(epochs, 1), 3);
	const room = rows - fixedRows - chartFrame;
	// The table gets a row per epoch (up to ten) while the charts keep a useful height;
	// the charts take the rest.
	const tableRows = Math.max(Math.min(Math.max(epochs, 1), maximumTable, room - minimumPlot * 2), wantedTable);
	const plotHeight = Math.min(room - tableRows, maximumPlot);
	return {chartWidth, plotHeight: Math.max(plotHeight, 2), tableRows};
}

/**
 * A line of parts joined by `separator` within `width`: parts are dropped, the last first,
 * until the rest fits (the first part always stays). Shortening by whole parts keeps every
 * word readable, where cutting the line would end it mid-word.
 */
export function fitParts(parts: readonly string[], width: number, separator: string): string[] {
	const kept = parts.filter(part => part !== '');
	while (kept.length > 1 && kept.join(separator).length > width) kept.pop();
	return kept;
}
