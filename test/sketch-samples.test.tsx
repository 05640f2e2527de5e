/* @jsxRuntime automatic */
// (tsx compiles test files with the classic JSX runtime unless told: they are outside tsconfig's include.)
// `t` on the sketch pad: the drawing is saved as a sample of the digit typed next into the
// samples folder of a temporary DIGITS_HOME; Esc cancels, an empty canvas is refused.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, afterEach, before, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {readImageFile} from '../source/image/load.js';
import {openSketch, predictingService} from './sketch-harness.js';
import {delay, keys} from './tui-helpers.js';

let home: string;
const saved = (digit: number) => {
	const folder = path.join(home, 'samples', String(digit));
	return fs.existsSync(folder) ? fs.readdirSync(folder).map(name => path.join(folder, name)) : [];
};

before(() => {
	home = fs.mkdtempSync(path.join(os.tmpdir(), 'digits-sketch-samples-'));
	process.env['DIGITS_HOME'] = home;
});
after(() => {
	delete process.env['DIGITS_HOME'];
	fs.rmSync(home, {recursive: true, force: true});
});
afterEach(() => cleanup());

test('t on an empty canvas says so and saves nothing', async () => {
	const {frame, press} = openSketch(predictingService());
	await frame(text => text.includes('draw a digit'));
	await press('t', '7');
	// The 7 is a count for the next move, as without t.
	const said = await frame(text => text.includes('The canvas is empty: draw a digit first, then press t and its digit.') && text.includes('7…'));
	assert.doesNotMatch(said, /Which digit is it\?/);
	assert.equal(fs.existsSync(path.join(home, 'samples')), false);
});

test('t then a digit saves the drawing as a sample of that digit and counts it; Esc cancels', async () => {
	const {frame, press} = openSketch(predictingService());
	await frame(text => text.includes('draw a digit'));
	await press('p', '8', 'j', 'p');
	await frame(text => text.includes('reads 7') && text.includes('pen up 13,21'));
	await press('t');
	await frame(text => text.includes('Which digit is it? 0-9 saves it as a sample of your handwriting · Esc cancels'));
	await press(keys.escape);
	await frame(text => !text.includes('Which digit is it?'));
	await press('3');
	await delay(100);
	assert.deepEqual(saved(3), [], 'after Esc a digit is a count again, not a label');

	await press('t', '4');
	const first = await frame(text => text.includes('Saved as a 4'));
	assert.match(first, /Saved as a 4: 4 has 1 sample now \(1 in all\), in/);
	assert.equal(saved(4).length, 1);
	await press('t', '4');
	await frame(text => text.includes('4 has 2 samples now (2 in all)'));
	assert.equal(saved(4).length, 2);

	const picture = await readImageFile(saved(4)[0]!);
	assert.equal(picture.width, 28);
	assert.equal(picture.height, 28);
	// The stroke went down column 13 from row 13 to row 21: ink there, none in the corner.
	assert.ok(picture.data[17 * 28 + 13]! > 0.9, 'the stroke is in the picture, white on black');
	assert.equal(picture.data[0], 0);
});
