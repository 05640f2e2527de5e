// A person's own digits, kept to teach a model their handwriting: one folder per digit
// (`<samples>/7/7-20261205-143012-123.png`), each file the picture as it was drawn or
// loaded (not only the 28×28), so that a better pipeline can read them again later.
import fs from 'node:fs';
import path from 'node:path';
import {configDir} from '../config-dir.js';
import {UserError} from '../errors.js';
import {imagePixels} from '../digit-size.js';
import {formatNames, imageExtensions} from './formats.js';
import {type GrayImage, writeGrayPng} from './load.js';
import {prepareImageFile} from './prepare.js';

export class SamplesError extends UserError {}

/** Teaching holds some samples out to measure it: it needs at least this many. */
export const MIN_SAMPLES = 10;

const digitFolders = Array.from({length: 10}, (_, digit) => String(digit));

/** `$DIGITS_HOME/samples` when set, else `samples` in the user's config folder. */
export function samplesDir(): string {
	const home = process.env['DIGITS_HOME'];
	return path.join(home || configDir(), 'samples');
}

/** The sample files of each digit (index = digit), sorted by name: oldest first. Hidden files are left out. */
export function sampleFiles(dir: string): string[][] {
	checkFolder(dir);
	const stray = fs.readdirSync(dir).find(name => !name.startsWith('.') && !digitFolders.includes(name));
	if (stray) throw new SamplesError(`${path.join(dir, stray)} is not a digit folder: samples go in subfolders named 0 to 9.`);
	return digitFolders.map(digit => {
		const folder = path.join(dir, digit);
		if (!fs.existsSync(folder)) return [];
		if (!fs.statSync(folder).isDirectory()) throw new SamplesError(`${folder} is a file, not a folder; samples of ${digit} go in a folder of that name.`);
		return fs
			.readdirSync(folder)
			.filter(name => !name.startsWith('.'))
			.sort()
			.map(name => path.join(folder, name));
	});
}

function checkFolder(dir: string): void {
	if (!fs.existsSync(dir)) {
		throw new SamplesError(`${dir} does not exist; make it with subfolders 0 to 9 holding pictures of your digits (e.g. ${path.join(dir, '7', 'mine.png')}).`);
	}
	if (!fs.statSync(dir).isDirectory()) throw new SamplesError(`${dir} is a file, not a folder of samples (subfolders 0 to 9 of images).`);
}

/** How many samples each digit has; all zeros when the folder does not exist yet. */
export function sampleCounts(dir: string): number[] {
	return fs.existsSync(dir) ? sampleFiles(dir).map(files => files.length) : digitFolders.map(() => 0);
}

/** Saves `image` (the picture as drawn or loaded) as a sample of `digit`; returns the file's path. */
export async function saveSample(dir: string, digit: number, image: GrayImage, date = new Date()): Promise<string> {
	const folder = path.join(dir, String(digit));
	fs.mkdirSync(folder, {recursive: true});
	const stamp = date.toISOString().replaceAll(/[-:]/g, '').replace('T', '-').replace('.', '-').slice(0, 19);
	let file = path.join(folder, `${digit}-${stamp}.png`);
	for (let n = 2; fs.existsSync(file); n++) file = path.join(folder, `${digit}-${stamp}-${n}.png`);
	await writeGrayPng(file, image);
	return file;
}

/** Deletes the samples of `digit` (all digits when undefined); returns how many files went. */
export function removeSamples(dir: string, digit?: number): number {
	const files = sampleFiles(dir);
	const chosen = digit === undefined ? files.flat() : files[digit]!;
	for (const file of chosen) fs.rmSync(file);
	return chosen.length;
}

/**
 * Every sample as the model reads it (the one preprocessing pipeline), with its label;
 * one sentence naming the file for anything that is not a readable picture of a digit.
 */
export async function readSamples(dir: string): Promise<{folder: string; images: Float32Array; labels: Uint8Array}> {
	const files = sampleFiles(dir).flatMap((names, digit) => names.map(file => ({file, digit})));
	if (files.length < MIN_SAMPLES) {
		const have = files.length === 0 ? 'holds no samples' : `holds only ${files.length} sample${files.length === 1 ? '' : 's'}`;
		throw new SamplesError(`${dir} ${have}; teaching needs at least ${MIN_SAMPLES} (some are held out to measure it): add pictures to its subfolders 0 to 9.`);
	}
	const images = new Float32Array(files.length * imagePixels);
	const labels = new Uint8Array(files.length);
	for (const [i, {file, digit}] of files.entries()) {
		if (!imageExtensions.has(path.extname(file).toLowerCase())) throw new SamplesError(`${file} is not an image file; samples are ${formatNames} pictures.`);
		const prepared = await prepareImageFile(file);
		if (prepared.error !== undefined) {
			throw new SamplesError(prepared.error === 'no digit found' ? `${file} has no digit in it; delete it or save the sample again.` : prepared.error);
		}
		images.set(prepared.pixels, i * imagePixels);
		labels[i] = digit;
	}
	return {folder: dir, images, labels};
}

/**
 * Why the samples counted in `counts` (index = digit) cannot teach a model yet, in one
 * sentence saying how to collect them; undefined when they can (at least MIN_SAMPLES, of any
 * digits: the others are still seen in MNIST).
 */
export function teachingProblem(dir: string, counts: readonly number[]): string | undefined {
	const total = counts.reduce((sum, value) => sum + value, 0);
	if (total >= MIN_SAMPLES) return undefined;
	const have = total === 0 ? 'You have no samples yet' : `You have only ${total} sample${total === 1 ? '' : 's'}`;
	return `${have} in ${dir}; teaching needs at least ${MIN_SAMPLES}: draw a digit in the sketch pad and press t then the digit (or see \`digits samples --help\`).`;
}
