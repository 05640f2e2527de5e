// `t` then a digit on the Load image screen: the open picture (as loaded, not the model's
// 28×28) becomes a sample of the user's handwriting, unless there is none to save.
import {useKeymap} from '../../hooks/use-keymap.js';
import type {LoadImage, LoadImageMessage} from '../../hooks/use-load-image.js';
import {useSampleSaver} from '../../hooks/use-samples.js';
import {samplePrompt} from '../../render/samples.js';

/** Why the open picture cannot be saved as a sample, in one sentence; undefined when it can. */
export function loadImageSampleProblem({opened, reading}: Pick<LoadImage, 'opened' | 'reading'>, name: (file: string) => string): string | undefined {
	if (reading !== undefined) return `Still reading ${name(reading)}; press t again once it shows.`;
	if (!opened) return 'Open a picture of a digit first, then press t and its digit.';
	if (!opened.seen) return `${name(opened.file)} has no digit in it, so it cannot be a sample; open a picture of one digit.`;
	return undefined;
}

export type LoadImageSample = {
	asking: boolean;
	/** `t`: asks which digit the picture is, or says why it is no sample. */
	start: () => void;
	/** The message row: the question while it is asked, else `message`. */
	message?: LoadImageMessage;
};

export function useLoadImageSample(loader: LoadImage, name: (file: string) => string, say: (message: LoadImageMessage) => void, message: LoadImageMessage | undefined, ascii: boolean): LoadImageSample {
	const sampler = useSampleSaver(say);
	const {opened} = loader;
	useKeymap('sampleDigit', {digit: key => opened && sampler.save(Number(key), opened.image), cancel: sampler.cancel}, {active: sampler.asking});
	const start = () => {
		const problem = loadImageSampleProblem(loader, name);
		if (problem) say({text: problem, tone: 'bad'});
		else sampler.ask();
	};
	return {asking: sampler.asking, start, message: sampler.asking ? {text: samplePrompt(ascii), tone: 'accent'} : message};
}
