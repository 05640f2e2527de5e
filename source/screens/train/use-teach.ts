// "teach my samples to" on the Train screen: before a teaching run starts, the samples are
// counted (one sentence on how to collect them when too few or a digit is missing), then read
// through the one preprocessing pipeline and handed to the run with the form's options.
import {useState} from 'react';
import {useTeachSamples} from '../../hooks/use-samples.js';
import type {TrainOptions} from '../../model/types.js';
import {sampleCountsLine} from '../../render/samples.js';
import type {TrainingRun} from './use-training.js';

export type TeachNote = {text: string; tone: 'muted' | 'bad'};

export type Teach = {
	/** What the form says about the samples while teaching is chosen. */
	note: TeachNote;
	/** Starts a teaching run with `options` (which name `from`), or says why it cannot. */
	start: (options: TrainOptions) => void;
};

/** The line about the samples: each digit's count and the folder, or why they cannot teach yet. */
export function samplesNote(folder: string, counts: readonly number[] | undefined, problem: string | undefined): TeachNote {
	if (problem !== undefined || !counts) return {text: problem ?? `${folder} cannot be read.`, tone: 'bad'};
	return {text: `your samples: ${sampleCountsLine(counts)} (${folder})`, tone: 'muted'};
}

export function useTeach(training: TrainingRun): Teach {
	const samples = useTeachSamples();
	const [said, setSaid] = useState<TeachNote>();
	const start = (options: TrainOptions) => {
		const problem = samples.refresh();
		if (problem !== undefined) {
			setSaid(undefined);
			return;
		}
		setSaid({text: 'reading your samples…', tone: 'muted'});
		samples.read().then(
			read => {
				setSaid(undefined);
				training.start({...options, samples: read});
			},
			(error: Error) => setSaid({text: error.message, tone: 'bad'}),
		);
	};
	return {note: said ?? samplesNote(samples.folder, samples.counts, samples.problem), start};
}
