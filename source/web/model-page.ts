// The model tab: how the model was made (preset, settings, training history) and how well it
// reads the 10,000 test digits (confusion matrix and per-class scores). The evaluation takes a
// few seconds on the server's first request, so it fills in after the rest.
import {describeModel, evaluateModel} from './api.js';
import {byId, el, percent, svg} from './dom.js';
import type {ClassScores, Epoch, Evaluation, ModelDescription} from './types.js';

/** The settings shown, in this order, with their labels; others in `options` follow as they are. */
const settingLabels: Record<string, string> = {
	epochs: 'Epochs',
	batchSize: 'Batch size',
	learningRate: 'Learning rate',
	schedule: 'Schedule',
	augment: 'Augment',
	validationSplit: 'Validation split',
	limit: 'Training images',
	seed: 'Seed',
};

export class ModelPage {
	private shown: string | undefined;
	private loading = 0;

	/** Fills the tab for `name` (again only when the name changed). */
	async show(name: string): Promise<void> {
		if (this.shown === name) return;
		this.shown = name;
		const ticket = ++this.loading;
		const summary = byId('model-summary');
		const quality = byId('model-quality');
		summary.replaceChildren(el('p', {class: 'muted'}, `Loading ${name}…`));
		quality.replaceChildren(el('p', {class: 'muted'}, 'Scoring the model on the 10,000 test digits (a few seconds the first time)…'));
		try {
			const description = await describeModel(name);
			if (ticket === this.loading) summary.replaceChildren(...describe(description));
			const evaluation = await evaluateModel(name);
			if (ticket === this.loading) quality.replaceChildren(...evaluate(evaluation));
		} catch (error) {
			if (ticket !== this.loading) return;
			this.shown = undefined;
			quality.replaceChildren(el('p', {class: 'error', role: 'alert'}, (error as Error).message));
		}
	}
}

function describe({name, backend, parameters, layers, meta}: ModelDescription): HTMLElement[] {
	const options = meta?.options ?? {};
	const facts: Array<[string, string]> = [
		['Model', name],
		['Preset', meta?.preset ?? '–'],
		['Test accuracy', meta?.test?.accuracy === undefined ? 'not scored' : percent(meta.test.accuracy, 2)],
		['Parameters', `${parameters.toLocaleString('en')} in ${layers.length} layers`],
		['Backend', backend],
		['Trained', meta?.createdAt ? new Date(meta.createdAt).toLocaleString() : '–'],
	];
	const keys = [...Object.keys(settingLabels).filter(key => key in options), ...Object.keys(options).filter(key => !(key in settingLabels) && key !== 'preset')];
	const settings: Array<[string, string]> = keys.map(key => [settingLabels[key] ?? key, String(options[key])]);
	if (meta?.seed !== undefined && !('seed' in options)) settings.push(['Seed', String(meta.seed)]);
	if (meta?.trainer) settings.push(['Trainer', meta.trainer]);
	const history = meta?.history ?? [];
	return [
		el('div', {class: 'card'}, el('h2', {}, 'Summary'), factList(facts)),
		el('div', {class: 'card'}, el('h2', {}, 'Training settings'), factList(settings)),
		el('div', {class: 'card wide'}, el('h2', {}, 'Training history'), history.length > 0 ? historyChart(history) : el('p', {class: 'muted'}, 'No history was saved with this model.')),
	];
}

function factList(rows: Array<[string, string]>): HTMLDListElement {
	return el('dl', {class: 'facts'}, ...rows.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]));
}

/** Accuracy and validation accuracy per epoch as an SVG line chart. */
function historyChart(history: Epoch[]): HTMLElement {
	const series = [
		{key: 'accuracy' as const, label: 'training accuracy', className: 'line-train'},
		{key: 'valAccuracy' as const, label: 'validation accuracy', className: 'line-val'},
	].filter(({key}) => history.some(epoch => typeof epoch[key] === 'number'));
	const values = history.flatMap(epoch => series.map(({key}) => epoch[key]).filter((value): value is number => typeof value === 'number'));
	// The axis starts at a round tenth of a percent under the lowest point, so the last epochs' differences show.
	const low = Math.max(0, Math.floor(Math.min(...values) * 100) / 100 - 0.005);
	const [width, height, left, right, top, bottom] = [640, 240, 52, 16, 12, 32];
	const x = (epoch: number) => left + (history.length === 1 ? 0.5 : (epoch - 1) / (history.length - 1)) * (width - left - right);
	const y = (value: number) => top + ((1 - value) / (1 - low)) * (height - top - bottom);
	const ticks = Array.from({length: 5}, (_, i) => low + ((1 - low) * i) / 4);
	const chart = svg(
		'svg',
		{viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': `Accuracy per epoch over ${history.length} epochs`},
		...ticks.flatMap(value => [
			svg('line', {x1: left, x2: width - right, y1: y(value), y2: y(value), class: 'grid'}),
			svg('text', {x: left - 6, y: y(value) + 4, class: 'tick', 'text-anchor': 'end'}, percent(value, 1)),
		]),
		...history.map(({epoch}) => svg('text', {x: x(epoch), y: height - bottom + 18, class: 'tick', 'text-anchor': 'middle'}, String(epoch))),
		...series.map(({key, className}) => {
			const points = history.filter(epoch => typeof epoch[key] === 'number').map(epoch => `${x(epoch.epoch)},${y(epoch[key]!)}`);
			return svg('polyline', {points: points.join(' '), class: className});
		}),
	);
	const legend = el('p', {class: 'legend'}, ...series.map(({label, className}) => el('span', {class: `key ${className}`}, label)), el('span', {class: 'muted'}, 'epoch →'));
	return el('figure', {class: 'chart-figure'}, chart, legend);
}

function evaluate(evaluation: Evaluation): HTMLElement[] {
	return [
		el(
			'div',
			{class: 'card wide'},
			el('h2', {}, 'Confusion matrix'),
			el('p', {class: 'muted'}, `${percent(evaluation.accuracy, 2)} of the test digits read right. Rows are the true digit, columns what the model read.`),
			confusionTable(evaluation.confusionMatrix),
		),
		el('div', {class: 'card wide'}, el('h2', {}, 'Per digit'), reportTable(evaluation)),
	];
}

/** The 10×10 counts as a heat map: the diagonal (right answers) in the accent, mistakes in the warning colour, both by count. */
function confusionTable(matrix: number[][]): HTMLElement {
	const mistakes = matrix.flatMap((row, i) => row.filter((_, j) => j !== i));
	const worst = Math.max(1, ...mistakes);
	const most = Math.max(1, ...matrix.map((row, i) => row[i] ?? 0));
	const header = el('tr', {}, el('th', {scope: 'col', class: 'corner'}, 'true ↓ read →'), ...matrix.map((_, j) => el('th', {scope: 'col'}, String(j))));
	const rows = matrix.map((row, i) =>
		el(
			'tr',
			{},
			el('th', {scope: 'row'}, String(i)),
			...row.map((count, j) => {
				const cell = el('td', {title: `true ${i}, read ${j}: ${count}`}, String(count));
				// Square root: a handful of mistakes still shows next to the largest.
				const strength = count === 0 ? 0 : Math.sqrt(count / (i === j ? most : worst));
				cell.classList.add(i === j ? 'hit' : count === 0 ? 'zero' : 'miss');
				cell.style.setProperty('--strength', strength.toFixed(3));
				return cell;
			}),
		),
	);
	return el('div', {class: 'table-scroll'}, el('table', {class: 'confusion'}, el('thead', {}, header), el('tbody', {}, ...rows)));
}

function reportTable({report}: Evaluation): HTMLElement {
	const cells = (scores: ClassScores) => [el('td', {}, scores.precision.toFixed(3)), el('td', {}, scores.recall.toFixed(3)), el('td', {}, scores.f1.toFixed(3)), el('td', {}, String(scores.support))];
	const header = el('tr', {}, ...['Digit', 'Precision', 'Recall', 'F1', 'Support'].map(name => el('th', {scope: 'col'}, name)));
	const rows = report.classes.map(scores => el('tr', {}, el('th', {scope: 'row'}, String(scores.label)), ...cells(scores)));
	const averages = [
		el('tr', {class: 'average'}, el('th', {scope: 'row'}, 'Macro avg'), ...cells(report.macroAvg)),
		el('tr', {class: 'average'}, el('th', {scope: 'row'}, 'Weighted avg'), ...cells(report.weightedAvg)),
	];
	return el('div', {class: 'table-scroll'}, el('table', {class: 'report'}, el('thead', {}, header), el('tbody', {}, ...rows, ...averages)));
}
