// Evaluation results as plain text: for `digits eval`, report.md and the Evaluate screen.
import type {ClassScores, ClassificationReport} from '../model/types.js';

const reportDigits = 4;
const reportHeaders = ['precision', 'recall', 'f1-score', 'support'];
const reportColumnWidth = 9;

/**
 * A 10×10 table: a row per true label, a column per predicted label; correct counts
 * (the diagonal) are in brackets so they stand out without color.
 */
export function confusionMatrixText(matrix: number[][]): string {
	const countWidth = Math.max(...matrix.flat().map(count => String(count).length));
	// Room for "[" before the widest count and "]" after it.
	const cell = (text: string, isCorrect: boolean) =>
		isCorrect ? `[${text}]`.padStart(countWidth + 2) : `${text.padStart(countWidth + 1)} `;
	const header = '   ' + matrix.map((_, predicted) => cell(String(predicted), false)).join('');
	const rows = matrix.map(
		(row, label) => ` ${label} ` + row.map((count, predicted) => cell(String(count), predicted === label)).join(''),
	);
	return ['rows: true label, columns: predicted, [n]: correct', header, ...rows].map(line => line.trimEnd()).join('\n');
}

/** scikit-learn's classification_report(digits=4) layout, without its final newline. */
export function classificationReportText(report: ClassificationReport, accuracy: number): string {
	const labelWidth = Math.max(...report.classes.map(scores => String(scores.label).length), 'weighted avg'.length);
	const row = (name: string, cells: string[]) =>
		name.padStart(labelWidth) + ' ' + cells.map(text => ' ' + text.padStart(reportColumnWidth)).join('');
	const scoresRow = (name: string, scores: ClassScores) =>
		row(name, [...[scores.precision, scores.recall, scores.f1].map(formatScore), String(scores.support)]);
	return [
		row('', reportHeaders),
		'',
		...report.classes.map(scores => scoresRow(String(scores.label), scores)),
		'',
		row('accuracy', ['', '', formatScore(accuracy), String(report.macroAvg.support)]),
		scoresRow('macro avg', report.macroAvg),
		scoresRow('weighted avg', report.weightedAvg),
	].join('\n');
}

/** Like Python's '%.4f': an exact binary tie (such as 5/32) rounds to even, where toFixed rounds up. */
function formatScore(value: number): string {
	// A value is an exact tie at d decimals when value × 2^(d+1) is an odd integer (scaling by 2^k is exact).
	const halfSteps = value * 2 ** (reportDigits + 1);
	if (!Number.isInteger(halfSteps) || halfSteps % 2 === 0) {
		return value.toFixed(reportDigits);
	}

	const roundedUp = (halfSteps * 5 ** reportDigits + 1) / 2;
	const even = roundedUp % 2 === 0 ? roundedUp : roundedUp - 1;
	return (even / 10 ** reportDigits).toFixed(reportDigits);
}
