import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {hints} from '../source/input/keymap.js';
import {fitHints} from '../source/render/fit-text.js';

describe('status line hints', () => {
	const loadImage = hints('loadImage');
	test('all of them where they fit', () => {
		assert.equal(fitHints(loadImage, 80), '↑↓ move  Enter open  Tab path  r recent  ? help');
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
