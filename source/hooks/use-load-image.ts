// Reading a picked image file and what the model makes of it: the file is read and checked
// (image/load.ts), goes through the one preprocessing pipeline, then to the model service.
// The newest pick wins: a slow file or prediction never overwrites a later one. Every file
// that could be read goes to the front of the recent-files list. The picture is read as a
// number too (use-number-reading.ts): its digits' boxes, and each digit when there are several.
import {useCallback, useRef, useState} from 'react';
import {ImageFileError, readImageFile, type LoadedImage} from '../image/load.js';
import {preprocessForModel} from '../image/preprocess.js';
import {readRecentFiles, rememberRecentFile} from '../image/recent-files.js';
import type {Tone} from '../render/cells.js';
import type {NumberReading} from '../image/number.js';
import {oneDigit, readPicture} from './use-number-reading.js';
import type {Predict} from './use-sketch-prediction.js';

/** A one-sentence message under the screen's parts. */
export type LoadImageMessage = {text: string; tone: Tone};

export type OpenedImage = {
	file: string;
	image: LoadedImage;
	/** What the model sees, null when the picture has no ink. */
	seen: Float32Array | null;
	probabilities: Float32Array | null;
	error?: string;
	/** The picture read as a number (one digit: the whole picture's reading in its box); absent until read. */
	number?: NumberReading | null;
	numberError?: string;
};

export type LoadImage = {
	opened?: OpenedImage;
	/** The file being read, while it is. */
	reading?: string;
	recent: string[];
	/** Reads `file`; `name` is how messages call it. */
	open: (file: string, name: string) => void;
};

export function useLoadImage(predict: Predict, onMessage: (message: LoadImageMessage | undefined) => void): LoadImage {
	const [opened, setOpened] = useState<OpenedImage>();
	const [reading, setReading] = useState<string>();
	const [recent, setRecent] = useState(readRecentFiles);
	const latest = useRef(0);
	const open = useCallback(
		(file: string, name: string) => {
			const request = ++latest.current;
			const current = () => request === latest.current;
			setReading(file);
			onMessage(undefined);
			readImageFile(file).then(
				image => {
					if (!current()) return;
					setReading(undefined);
					setRecent(rememberRecentFile(file));
					const seen = preprocessForModel(image);
					if (!seen) {
						setOpened({file, image, seen, probabilities: null, error: 'no digit found'});
						onMessage({text: `${name} has no digit in it (no ink found); pick a picture of one digit.`, tone: 'bad'});
						return;
					}
					setOpened({file, image, seen, probabilities: null});
					readBoth(image, seen, predict, update => current() && setOpened(previous => previous && {...previous, ...update}));
				},
				(error: Error) => {
					if (!current()) return;
					setReading(undefined);
					// The loader names the file by the path it was given: here it is named as the screen shows it.
					const text = error instanceof ImageFileError ? error.message.replaceAll(error.file, name) : `${name} cannot be read (${error.message}).`;
					onMessage({text, tone: 'bad'});
				},
			);
		},
		[predict, onMessage],
	);
	return {opened, reading, recent, open};
}

/** The picture read as one digit and as a number, each result handed to `update` as it comes. */
function readBoth(image: LoadedImage, seen: Float32Array, predict: Predict, update: (part: Partial<OpenedImage>) => void): void {
	const single = predict(seen);
	single.then(
		probabilities => update({probabilities}),
		(error: Error) => update({error: error.message}),
	);
	Promise.all([single, readPicture(image, predict)]).then(
		([probabilities, {reading, several}]) => update({number: several || !reading ? reading : oneDigit(reading, probabilities)}),
		(error: Error) => update({number: null, numberError: error.message}),
	);
}
