// How good a classifier is, from true and predicted labels: plain numbers, no TensorFlow.
// Definitions follow scikit-learn with zero_division=0.
import type {ClassScores, ClassificationReport, Metrics} from './types.js';

export type ConfusedPair = {label: number; predicted: number; count: number};

/** Counts per (true label, predicted label): rows = true label, columns = predicted. */
export function confusionMatrix(labels: ArrayLike<number>, predicted: ArrayLike<number>, classes = 10): number[][] {
	if (labels.length !== predicted.length) {
		throw new RangeError(`Got ${labels.length} labels but ${predicted.length} predictions; they must pair up.`);
	}

	const matrix = Array.from({length: classes}, () => Array.from<number>({length: classes}).fill(0));
	const isClass = (value: number) => Number.isInteger(value) && value >= 0 && value < classes;
	for (let index = 0; index < labels.length; index++) {
		const label = labels[index]!;
		const guess = predicted[index]!;
		if (!isClass(label) || !isClass(guess)) {
			throw new RangeError(`Image ${index} has label ${label} and prediction ${guess}; both must be 0–${classes - 1}.`);
		}

		matrix[label]![guess]!++;
	}

	return matrix;
}

export function classificationReport(matrix: number[][]): ClassificationReport {
	const classes = matrix.map((_, label) => ({label, ...classScores(matrix, label)}));
	return {
		classes,
		macroAvg: averageScores(classes, () => 1),
		weightedAvg: averageScores(classes, scores => scores.support),
	};
}

export function metricsFrom(labels: ArrayLike<number>, predicted: ArrayLike<number>): Metrics {
	const matrix = confusionMatrix(labels, predicted);
	return {accuracy: accuracy(matrix), confusionMatrix: matrix, report: classificationReport(matrix)};
}

/** The off-diagonal cells with the most images, largest first; ties by true label, then predicted. */
export function mostConfusedPairs(matrix: number[][], n = 5): ConfusedPair[] {
	const pairs = matrix.flatMap((row, label) =>
		row.map((count, predicted) => ({label, predicted, count})).filter(pair => pair.predicted !== label && pair.count > 0),
	);
	pairs.sort((a, b) => b.count - a.count || a.label - b.label || a.predicted - b.predicted);
	return pairs.slice(0, n);
}

function accuracy(matrix: number[][]): number {
	const total = sum(matrix.map(row => sum(row)));
	const correct = sum(matrix.map((row, label) => row[label]!));
	return total === 0 ? 0 : correct / total;
}

function classScores(matrix: number[][], label: number): ClassScores {
	const truePositives = matrix[label]![label]!;
	const support = sum(matrix[label]!);
	const predictedCount = sum(matrix.map(row => row[label]!));
	const precision = predictedCount === 0 ? 0 : truePositives / predictedCount;
	const recall = support === 0 ? 0 : truePositives / support;
	const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
	return {precision, recall, f1, support};
}

/** The support of an average is the total number of images, as in scikit-learn. */
function averageScores(classes: ClassScores[], weightOf: (scores: ClassScores) => number): ClassScores {
	const totalWeight = sum(classes.map(weightOf));
	const average = (score: (scores: ClassScores) => number) =>
		totalWeight === 0 ? 0 : sum(classes.map(scores => weightOf(scores) * score(scores))) / totalWeight;
	return {
		precision: average(scores => scores.precision),
		recall: average(scores => scores.recall),
		f1: average(scores => scores.f1),
		support: sum(classes.map(scores => scores.support)),
	};
}

function sum(values: number[]): number {
	return values.reduce((total, value) => total + value, 0);
}
