// How the Evaluate screen shares the window: the parts that fit together form one view, the
// rest get a view each (Tab cycles); never clipped. Pure, so it is tested without Ink.
import {gridSize} from '../../render/gallery.js';

export type EvaluatePart = 'matrix' | 'report' | 'pairs' | 'gallery';

/** Rows above the parts: the big accuracy (3) and the view tabs (1); and the notice below (a sentence with a path: two lines). */
export const headerRows = 4;
export const footerRows = 2;

export const partSizes = {
	report: {width: 53, height: 16},
	pairs: {width: 32, height: 9},
	gap: 3,
};

export type EvaluateView = {parts: EvaluatePart[]; label: string};
export type EvaluateLayout = {
	views: EvaluateView[];
	/** Matrix beside report (wide windows), else stacked; pairs beside the matrix or the report, or alone. */
	matrixBesideReport: boolean;
	pairsBeside: 'matrix' | 'report' | 'none';
	/** Rows and columns left for the parts. */
	content: {width: number; height: number};
};

const labels: Record<EvaluatePart, string> = {matrix: 'matrix', report: 'report', pairs: 'confused pairs', gallery: 'mistakes'};

export function evaluateLayout(width: number, height: number, matrix: {width: number; height: number}): EvaluateLayout {
	const content = {width: width - 2, height: height - headerRows - footerRows};
	const {report, pairs, gap} = partSizes;
	const matrixBesideReport = content.width >= matrix.width + gap + report.width && content.height >= Math.max(matrix.height, report.height);
	const stacked = !matrixBesideReport && content.width >= Math.max(matrix.width, report.width) && content.height >= matrix.height + 1 + report.height;
	let pairsBeside: EvaluateLayout['pairsBeside'] = 'none';
	const overview: EvaluatePart[] = [];
	if (matrixBesideReport || stacked) {
		overview.push('matrix', 'report');
		if (content.width >= matrix.width + gap + pairs.width && !matrixBesideReport) pairsBeside = 'matrix';
		else if (content.width >= (matrixBesideReport ? matrix.width + report.width + 2 * gap : report.width + gap) + pairs.width) pairsBeside = 'report';
		else if (matrixBesideReport && content.height >= Math.max(matrix.height, report.height) + 1 + pairs.height) pairsBeside = 'matrix';
		if (pairsBeside !== 'none') overview.push('pairs');
	}
	const views: EvaluateView[] = [];
	if (overview.length > 0) views.push({parts: overview, label: overview.map(part => labels[part]).join(' + ')});
	for (const part of ['matrix', 'report', 'pairs', 'gallery'] as const) {
		if (!overview.includes(part)) views.push({parts: [part], label: labels[part]});
	}
	return {views, matrixBesideReport, pairsBeside, content};
}

/** How many digit tiles the mistakes gallery shows: its title line above, a caption row under each digit. */
export function galleryGrid(content: EvaluateLayout['content'], tile: {width: number; digitRows: number}): {columns: number; rows: number} {
	return gridSize({width: content.width, height: content.height - 1}, {width: tile.width, height: tile.digitRows + 1});
}
