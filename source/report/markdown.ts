// report.md: the headline numbers, the pictures, the most confused pairs and the
// scikit-learn-style report, all from the model service's evaluation and meta.json.
import {mostConfusedPairs} from '../model/metrics.js';
import type {Evaluation, ModelMeta} from '../model/types.js';
import {backendLabel, count, counted, percent} from '../render/format.js';
import {classificationReportText} from '../render/classification-report.js';

export const reportFiles = {
	history: 'history.png',
	confusionMatrix: 'confusion-matrix.png',
	examples: 'examples.png',
	markdown: 'report.md',
} as const;

export type ReportSource = {evaluation: Evaluation; meta: ModelMeta; createdAt: Date};

/** "2026-11-25 19:00" from an ISO date, as the models list shows it. */
export function shortDate(iso: string): string {
	return iso.slice(0, 16).replace('T', ' ');
}

/** What the model was trained with, in one line (used under the history picture too). */
export function trainingSummary(meta: ModelMeta): string {
	const {options} = meta;
	const epochs = meta.history.length;
	const split = options.validationSplit > 0 ? `validation split ${options.validationSplit}` : 'no validation split';
	const limit = options.limit === undefined ? '' : `, first ${count(options.limit)} training images`;
	return `preset ${meta.preset}, ${counted(epochs, 'epoch')}, batch ${options.batchSize}, learning rate ${options.learningRate}, ${split}, seed ${meta.seed}${limit}`;
}

export function correctCount(evaluation: Pick<Evaluation, 'confusionMatrix'>): number {
	return evaluation.confusionMatrix.reduce((total, row, label) => total + row[label]!, 0);
}

export function reportMarkdown({evaluation, meta, createdAt}: ReportSource): string {
	const total = evaluation.labels.length;
	const correct = correctCount(evaluation);
	const last = meta.history.at(-1);
	const pairs = mostConfusedPairs(evaluation.confusionMatrix, 5);
	const rows: Array<[string, string]> = [
		['accuracy', `**${percent(evaluation.accuracy)}** (${count(correct)} of ${count(total)} test images)`],
		['mistakes', count(total - correct)],
		['macro avg f1-score', evaluation.report.macroAvg.f1.toFixed(4)],
		['weighted avg f1-score', evaluation.report.weightedAvg.f1.toFixed(4)],
	];
	if (last?.valAccuracy !== null && last?.valAccuracy !== undefined) rows.push(['last validation accuracy', percent(last.valAccuracy)]);
	rows.push(['training', trainingSummary(meta)]);
	rows.push(['trained', `${shortDate(meta.createdAt)} on ${backendLabel(meta.backend)}`]);
	rows.push(['evaluated', `${shortDate(createdAt.toISOString())} on ${backendLabel(evaluation.backend)}`]);
	rows.push(['saved in', `\`${evaluation.path}\``]);

	return [
		`# Report: ${evaluation.model}`,
		'',
		`How the model \`${evaluation.model}\` does on the ${count(total)} MNIST test images.`,
		'',
		'| | |',
		'| --- | --- |',
		...rows.map(([name, value]) => `| ${name} | ${value} |`),
		'',
		'## Training history',
		'',
		`![Loss and accuracy per epoch, train vs validation](${reportFiles.history})`,
		'',
		'## Confusion matrix',
		'',
		`![Confusion matrix: rows are the true labels, columns the predictions](${reportFiles.confusionMatrix})`,
		'',
		...(pairs.length === 0
			? ['No test image was misclassified.']
			: [
					'The most confused pairs:',
					'',
					'| true | predicted | images |',
					'| ---: | ---: | ---: |',
					...pairs.map(pair => `| ${pair.label} | ${pair.predicted} | ${count(pair.count)} |`),
			  ]),
		'',
		'## Classification report',
		'',
		'```text',
		classificationReportText(evaluation.report, evaluation.accuracy),
		'```',
		'',
		'## Examples',
		'',
		`![Test digits with their true and predicted labels; mistakes in red](${reportFiles.examples})`,
		'',
	].join('\n');
}
