import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {hints} from '../source/input/keymap.js';
import {fitHints, fitLines} from '../source/render/fit-text.js';

describe('status line hints', () => {
	const loadImage = hints('loadImage');
	test('all of them where they fit', () => {
		assert.equal(fitHints(loadImage, 80), '↑↓ move  Enter open  Tab path  r recent  m number  ? help');
	});

	test('a narrow line leaves out whole hints, never the help, never half a word', () => {
		// 80 columns less "native (TensorFlow) │ best 99.63%" and a gap: 45.
		assert.equal(fitHints(loadImage, 45), '↑↓ move  Enter open  Tab path  ? help');
		assert.equal(fitHints(loadImage, 20), '↑↓ move  ? help');
		assert.equal(fitHints(loadImage, 10), '? help');
		assert.equal(fitHints(loadImage, 3), '? help');
		assert.equal(fitHints([], 10), '');
	});
});

describe('messages in a few rows', () => {
	const sentence = 'photo.png is a zip file, not an image; give a PNG, JPEG, BMP, GIF or TIFF image.';
	test('wrap at spaces; a word longer than the line is split', () => {
		assert.deepEqual(fitLines(sentence, 41, 3), ['photo.png is a zip file, not an image;', 'give a PNG, JPEG, BMP, GIF or TIFF image.']);
		assert.deepEqual(fitLines('see /a/very/long/path/name here', 10, 4), ['see', '/a/very/lo', 'ng/path/na', 'me here']);
		assert.deepEqual(fitLines('2 matches: digit.png  old/', 80, 2), ['2 matches: digit.png  old/']);
	});

	test('too long for the rows: the last row ends after a whole word with an ellipsis, "..." in ASCII', () => {
		assert.deepEqual(fitLines(sentence, 30, 2), ['photo.png is a zip file, not', 'an image; give a PNG, JPEG…']);
		assert.deepEqual(fitLines(sentence, 30, 2, true), ['photo.png is a zip file, not', 'an image; give a PNG, JPEG...']);
	});
});
