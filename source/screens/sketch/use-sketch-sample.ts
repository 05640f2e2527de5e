// `t` then a digit on the sketch pad: the question's keys (sampleDigit), and what the two rows
// under the canvas show meanwhile (the question, in place of the last message).
import {useKeymap} from '../../hooks/use-keymap.js';
import {useSampleSaver, type SampleMessage} from '../../hooks/use-samples.js';
import type {FileMessage} from '../../hooks/use-sketch-files.js';
import type {Tone} from '../../render/cells.js';
import {samplePrompt} from '../../render/samples.js';
import {sketchPicture, sketchSampleProblem} from './sketch-sample.js';

export type SketchSample = {
	asking: boolean;
	/** `t`: asks which digit the drawing is, or says why it is no sample. */
	start: () => void;
	/** The rows under the canvas: the question while it is asked, else `message`. */
	message?: {text: string; tone: Tone};
};

export function useSketchSample(pixels: Float32Array, say: (message: SampleMessage) => void, message: FileMessage | {text: string; tone: Tone} | undefined, ascii: boolean): SketchSample {
	const sampler = useSampleSaver(say);
	useKeymap('sampleDigit', {digit: key => sampler.save(Number(key), sketchPicture(pixels)), cancel: sampler.cancel}, {active: sampler.asking});
	const start = () => {
		const problem = sketchSampleProblem(pixels);
		if (problem) say({text: problem, tone: 'bad'});
		else sampler.ask();
	};
	return {asking: sampler.asking, start, message: sampler.asking ? {text: samplePrompt(ascii), tone: 'accent'} : message};
}
