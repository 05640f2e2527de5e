// Writes the PNG report of an evaluation (history, confusion matrix, examples, report.md) into
// the reports folder, a folder per model, and says in one line what it is doing or did.
import path from 'node:path';
import {useState} from 'react';
import {useServices} from './use-services.js';
import type {TestSetState} from './use-test-set.js';
import type {Evaluation, ModelDescription} from '../model/types.js';
import type {Tone} from '../render/cells.js';
import {writeFailure} from '../output-files.js';

export type Notice = {text: string; tone: Tone};

export type ReportWriter = {
	/** What `write` did last, or where it would write; undefined until there is an evaluation. */
	notice: Notice | undefined;
	write: () => void;
};

/** `evaluated` undefined: the evaluation is not done yet, and `write` does nothing. */
export function useReportWriter(evaluated: {evaluation: Evaluation; description: ModelDescription} | undefined, testSet: TestSetState): ReportWriter {
	const services = useServices();
	const [notice, setNotice] = useState<Notice | undefined>();
	if (!evaluated) return {notice: undefined, write: () => {}};
	const {evaluation, description} = evaluated;
	const dir = path.join(services.reportsDir ?? 'reports', evaluation.model);
	const write = () => {
		if (testSet.phase !== 'ready') {
			setNotice({text: testSet.phase === 'failed' ? `cannot write the report: ${testSet.message}` : 'the test images are still being read; try again in a moment', tone: 'warn'});
			return;
		}
		setNotice({text: `writing the report into ${dir}${path.sep} …`, tone: 'muted'});
		// jimp is the slowest import: loaded only when a report is asked for.
		import('../report/write-report.js')
			.then(({writeReport}) => writeReport(dir, {evaluation, meta: description.meta, testImages: testSet.testSet.images}))
			.then(
				files => setNotice({text: `report written to ${dir}${path.sep}: ${files.map(file => path.basename(file)).join(', ')}`, tone: 'ok'}),
				(error: Error) => setNotice({text: `could not write the report to ${dir}: ${writeFailure(error) ?? error.message}`, tone: 'bad'}),
			);
	};
	return {notice: notice ?? {text: `w writes the PNG report into ${dir}${path.sep}`, tone: 'muted'}, write};
}
