// A person's samples from the screens: `t` then a digit saves the picture in view into the
// samples folder (the sketch pad, Load image), and the Train screen reads them to teach a model.
import {useCallback, useState} from 'react';
import type {GrayImage} from '../image/load.js';
import {displayPath} from '../image/path-completion.js';
import {readSamples, sampleCounts, samplesDir, saveSample, teachingProblem} from '../image/samples.js';
import type {Samples} from '../model/types.js';
import {writeFailure} from '../output-files.js';
import {sampleSavedMessage} from '../render/samples.js';

export type SampleMessage = {text: string; tone: 'ok' | 'bad'};

export type SampleSaver = {
	/** Whether the screen is asking which digit the picture is (after `t`). */
	asking: boolean;
	ask: () => void;
	cancel: () => void;
	/** Saves `image` as a sample of `digit`, then says where it went and how many that digit has. */
	save: (digit: number, image: GrayImage) => void;
};

export function useSampleSaver(onMessage: (message: SampleMessage) => void): SampleSaver {
	const [asking, setAsking] = useState(false);
	const ask = useCallback(() => setAsking(true), []);
	const cancel = useCallback(() => setAsking(false), []);
	const save = useCallback(
		(digit: number, image: GrayImage) => {
			setAsking(false);
			const dir = samplesDir();
			saveSample(dir, digit, {width: image.width, height: image.height, data: image.data})
				.then(file => onMessage({text: sampleSavedMessage(displayPath(file), digit, sampleCounts(dir)), tone: 'ok'}))
				.catch((error: Error) => onMessage({text: `Could not save the sample in ${displayPath(dir)}: ${writeFailure(error) ?? error.message}`, tone: 'bad'}));
		},
		[onMessage],
	);
	return {asking, ask, cancel, save};
}

export type TeachSamples = {
	/** The samples folder, as people write paths. */
	folder: string;
	/** Each digit's count (index = digit); undefined when the folder cannot be read. */
	counts?: number[];
	/** Why teaching cannot start with them, in one sentence; undefined when it can. */
	problem?: string;
	/** Counts them again (files may have come meanwhile); returns the problem, if any, as counted now. */
	refresh: () => string | undefined;
	/** Every sample as the model reads it; rejects with one sentence naming a bad file. */
	read: () => Promise<Samples>;
};

type Counted = Pick<TeachSamples, 'folder' | 'counts' | 'problem'>;

function countSamples(): Counted {
	const dir = samplesDir();
	const folder = displayPath(dir);
	try {
		const counts = sampleCounts(dir);
		return {folder, counts, problem: teachingProblem(folder, counts)};
	} catch (error) {
		return {folder, problem: (error as Error).message};
	}
}

/** The samples the Train screen teaches with, counted when it opens and on `refresh`. */
export function useTeachSamples(): TeachSamples {
	const [counted, setCounted] = useState(countSamples);
	const refresh = useCallback(() => {
		const now = countSamples();
		setCounted(now);
		return now.problem;
	}, []);
	const read = useCallback(() => readSamples(samplesDir()), []);
	return {...counted, refresh, read};
}
