// Pure helpers for plotted series: smoothing noisy per-batch values and fitting a series
// of (step, value) points to a fixed number of columns.

export type Point = {step: number; value: number};

/**
 * Exponential moving average with the start-up bias removed (as TensorBoard draws it):
 * the first values are not dragged towards zero.
 */
export function smooth(values: readonly number[], weight = 0.8): number[] {
	const result: number[] = [];
	let average = 0;
	let correction = 1;
	for (const value of values) {
		average = average * weight + (1 - weight) * value;
		correction *= weight;
		result.push(weight === 0 ? value : average / (1 - correction));
	}
	return result;
}

/**
 * One value per column for `columns` evenly spaced steps from the first point's step to
 * `lastStep`: the mean of the points that fall in a column, or a straight line between
 * neighbours where a column has none. Points must be sorted by step.
 */
export function resample(points: readonly Point[], columns: number, lastStep = points.at(-1)?.step ?? 0): number[] {
	if (points.length === 0 || columns < 1) return [];
	const first = points[0]!.step;
	const span = Math.max(lastStep - first, 1e-9);
	const sums = new Array<number>(columns).fill(0);
	const counts = new Array<number>(columns).fill(0);
	for (const point of points) {
		const column = columns === 1 ? 0 : Math.round(((point.step - first) / span) * (columns - 1));
		if (column < 0 || column >= columns) continue;
		sums[column]! += point.value;
		counts[column]! += 1;
	}
	const result: number[] = [];
	let next = 0;
	for (let column = 0; column < columns; column++) {
		if (counts[column]! > 0) {
			result.push(sums[column]! / counts[column]!);
			continue;
		}
		const step = first + (column / Math.max(columns - 1, 1)) * span;
		while (next < points.length && points[next]!.step < step) next++;
		const after = points[Math.min(next, points.length - 1)]!;
		const before = points[Math.max(next - 1, 0)]!;
		const t = after.step === before.step ? 0 : (step - before.step) / (after.step - before.step);
		result.push(before.value + (after.value - before.value) * Math.min(Math.max(t, 0), 1));
	}
	return result;
}

/** The column (0 … columns − 1) where `step` falls on a chart spanning firstStep … lastStep. */
export function columnOf(step: number, firstStep: number, lastStep: number, columns: number): number {
	if (columns <= 1 || lastStep <= firstStep) return columns - 1;
	return Math.min(columns - 1, Math.max(0, Math.round(((step - firstStep) / (lastStep - firstStep)) * (columns - 1))));
}
