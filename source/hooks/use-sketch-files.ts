// Saving the sketch as a PNG and opening a picture into the canvas. A PNG 28 pixels tall with
// a dark background (what `s` writes, on the digit pad or number mode's wider canvas) comes
// back as it was; anything else goes through the model's preprocessing, which finds the
// digit, scales it and centers it.
import path from 'node:path';
import {useCallback} from 'react';
import {readImageFile, writeGrayPng} from '../image/load.js';
import {expandHome} from '../image/path-completion.js';
import {preprocessForModel} from '../image/preprocess.js';
import {canvasFromPicture, canvasWidth} from '../sketch/canvas.js';
import {imageSide} from '../digit-size.js';
import {writeFailure} from '../output-files.js';

export type FileMessage = {text: string; tone: 'ok' | 'bad'};

/** digit-<yyyymmdd-hhmmss>.png in local time (number-… for number mode's wide canvas). */
export function sketchFileName(date: Date, what: 'digit' | 'number' = 'digit'): string {
	const two = (value: number) => String(value).padStart(2, '0');
	return `${what}-${date.getFullYear()}${two(date.getMonth() + 1)}${two(date.getDate())}-${two(date.getHours())}${two(date.getMinutes())}${two(date.getSeconds())}.png`;
}

/** `width`: the canvas's width in pixels (28, or number mode's wider pad). */
export function useSketchFiles(directory: string, width: number, onMessage: (message: FileMessage) => void, onOpened: (pixels: Float32Array) => void) {
	const save = useCallback(
		(pixels: Float32Array) => {
			const file = path.resolve(directory, sketchFileName(new Date(), canvasWidth(pixels) > imageSide ? 'number' : 'digit'));
			writeGrayPng(file, {width: canvasWidth(pixels), height: imageSide, data: pixels}).then(
				() => onMessage({text: `saved ${file}`, tone: 'ok'}),
				(error: Error) => onMessage({text: `could not save in ${path.dirname(file)}: ${writeFailure(error) ?? error.message}`, tone: 'bad'}),
			);
		},
		[directory, onMessage],
	);
	const open = useCallback(
		(typed: string) => {
			const name = expandHome(typed.trim());
			if (name === '') return;
			const file = path.resolve(directory, name);
			readImageFile(file).then(
				image => {
					const pixels = canvasFromPicture(image, preprocessForModel, width);
					if (!pixels) onMessage({text: `${name} has no digit in it (no ink found).`, tone: 'bad'});
					else {
						onOpened(pixels);
						onMessage({text: `opened ${file}`, tone: 'ok'});
					}
				},
				(error: Error) => onMessage({text: error.message, tone: 'bad'}),
			);
		},
		[directory, width, onMessage, onOpened],
	);
	return {save, open};
}
