// What the screens say about samples, without Ink: the prompt after `t`, what saving did,
// the counts line, when teaching cannot start yet, and when a sketch is no sample.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {MIN_SAMPLES, teachingProblem} from '../source/image/samples.js';
import {hints} from '../source/input/keymap.js';
import {sampleCountsLine, samplePrompt, sampleSavedMessage} from '../source/render/samples.js';
import {sketchPicture, sketchSampleProblem} from '../source/screens/sketch/sketch-sample.js';
import {blankCanvas, dabInto, lineInto} from '../source/sketch/canvas.js';

test('the prompt names the keys, in ASCII too', () => {
	assert.equal(samplePrompt(false), 'Which digit is it? 0-9 saves it as a sample of your handwriting · Esc cancels');
	assert.match(samplePrompt(true), /^[\x20-\x7e]+$/);
	assert.deepEqual(hints('sampleDigit'), [
		{keys: '0-9', label: 'its digit'},
		{keys: 'Esc', label: 'cancel'},
		{keys: '?', label: 'help'},
	]);
});

test('a saved sample says which digit, how many that digit has now, and where', () => {
	const counts = [0, 0, 0, 0, 0, 0, 0, 3, 0, 2];
	assert.equal(sampleSavedMessage('~/s/7/7-x.png', 7, counts), 'Saved as a 7: 7 has 3 samples now (5 in all), in ~/s/7/7-x.png');
	assert.match(sampleSavedMessage('f', 9, [0, 0, 0, 0, 0, 0, 0, 0, 0, 1]), /9 has 1 sample now \(1 in all\)/);
	assert.equal(sampleCountsLine([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), '0:1 1:2 2:3 3:4 4:5 5:6 6:7 7:8 8:9 9:10, 55 in all');
});

test('teaching needs MIN_SAMPLES samples of any digits; the sentence says how to collect them', () => {
	const every = (value: number) => new Array<number>(10).fill(value);
	assert.equal(teachingProblem('~/s', every(1)), undefined);
	assert.equal(MIN_SAMPLES, 10);
	assert.equal(
		teachingProblem('~/s', every(0)),
		'You have no samples yet in ~/s; teaching needs at least 10: draw a digit in the sketch pad and press t then the digit (or see `digits samples --help`).',
	);
	assert.match(teachingProblem('~/s', [1, 0, 0, 0, 0, 0, 0, 0, 0, 0])!, /^You have only 1 sample in ~\/s;/);
	assert.match(teachingProblem('~/s', [0, 0, 0, 0, 0, 0, 0, 9, 0, 0])!, /^You have only 9 samples in ~\/s;/);
	assert.equal(teachingProblem('~/s', [0, 0, 0, 0, 0, 0, 0, 10, 0, 0]), undefined, 'ten 7s are enough: the other digits are still seen in MNIST');
});

test('an empty canvas or a stray dab is no sample; a stroke is, kept as the canvas shows it', () => {
	const canvas = blankCanvas();
	assert.match(sketchSampleProblem(canvas)!, /^The canvas is empty/);
	dabInto(canvas, {x: 14, y: 14}, 1.1, 'paint');
	assert.match(sketchSampleProblem(canvas)!, /^Too little ink to be a digit/);
	lineInto(canvas, {x: 14, y: 6}, {x: 14, y: 22}, 1.1, 'paint');
	assert.equal(sketchSampleProblem(canvas), undefined);
	const picture = sketchPicture(canvas);
	assert.deepEqual([picture.width, picture.height], [28, 28]);
	assert.deepEqual(picture.data, canvas);
	assert.notEqual(picture.data, canvas, 'a copy: drawing on does not change a sample being written');
});
