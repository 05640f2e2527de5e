import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {digitLinesToAnsi, digitLinesToText, digitPixels, grayColor, renderDigit} from '../source/render/digit.js';

// 4 wide, 3 tall: the odd last row is paired with black.
const pixels = [
	[0, 1, 1, 0.5],
	[0, 1, 0, 0.5],
	[1, 0.3, 0, 0],
].flat();

const esc = '\u001B[';

describe('renderDigit', () => {
	test('truecolor: ▀ with the upper pixel as foreground and the lower as background; equal halves are a colored space', () => {
		const lines = renderDigit(pixels, {colorLevel: 'truecolor', width: 4});
		assert.deepEqual(lines, [
			[
				{text: ' ', bg: '#000000'},
				{text: ' ', bg: '#ffffff'},
				{text: '▀', fg: '#ffffff', bg: '#000000'},
				{text: ' ', bg: '#808080'},
			],
			[
				{text: '▀', fg: '#ffffff', bg: '#000000'},
				{text: '▀', fg: '#4d4d4d', bg: '#000000'},
				{text: '  ', bg: '#000000'},
			],
		]);
		assert.deepEqual(digitLinesToAnsi(lines), [
			`${esc}48;2;0;0;0m ${esc}0m${esc}48;2;255;255;255m ${esc}0m${esc}38;2;255;255;255;48;2;0;0;0m▀${esc}0m${esc}48;2;128;128;128m ${esc}0m`,
			`${esc}38;2;255;255;255;48;2;0;0;0m▀${esc}0m${esc}38;2;77;77;77;48;2;0;0;0m▀${esc}0m${esc}48;2;0;0;0m  ${esc}0m`,
		]);
	});

	test('256 colors: the nearest of black, white and the 24-step gray ramp', () => {
		const lines = renderDigit(pixels, {colorLevel: 'ansi256', width: 4});
		assert.deepEqual(lines, [
			[
				{text: ' ', bg: 'ansi256(16)'},
				{text: ' ', bg: 'ansi256(231)'},
				{text: '▀', fg: 'ansi256(231)', bg: 'ansi256(16)'},
				{text: ' ', bg: 'ansi256(244)'},
			],
			[
				{text: '▀', fg: 'ansi256(231)', bg: 'ansi256(16)'},
				{text: '▀', fg: 'ansi256(239)', bg: 'ansi256(16)'},
				{text: '  ', bg: 'ansi256(16)'},
			],
		]);
		assert.deepEqual(digitLinesToAnsi(lines), [
			`${esc}48;5;16m ${esc}0m${esc}48;5;231m ${esc}0m${esc}38;5;231;48;5;16m▀${esc}0m${esc}48;5;244m ${esc}0m`,
			`${esc}38;5;231;48;5;16m▀${esc}0m${esc}38;5;239;48;5;16m▀${esc}0m${esc}48;5;16m  ${esc}0m`,
		]);
	});

	test('16 colors: four grays by name', () => {
		const lines = renderDigit(pixels, {colorLevel: 'ansi16', width: 4});
		assert.deepEqual(lines, [
			[
				{text: ' ', bg: 'black'},
				{text: ' ', bg: 'whiteBright'},
				{text: '▀', fg: 'whiteBright', bg: 'black'},
				{text: ' ', bg: 'gray'},
			],
			[
				{text: '▀', fg: 'whiteBright', bg: 'black'},
				{text: '▀', fg: 'gray', bg: 'black'},
				{text: '  ', bg: 'black'},
			],
		]);
		assert.deepEqual(digitLinesToAnsi(lines), [
			`${esc}40m ${esc}0m${esc}107m ${esc}0m${esc}97;40m▀${esc}0m${esc}100m ${esc}0m`,
			`${esc}97;40m▀${esc}0m${esc}90;40m▀${esc}0m${esc}40m  ${esc}0m`,
		]);
		assert.deepEqual(
			[0, 0.2, 0.5, 0.7, 0.9, 1].map(value => grayColor(value, 'ansi16')),
			['black', 'black', 'gray', 'white', 'whiteBright', 'whiteBright'],
		);
	});

	test('no color: half and full blocks where a pixel is at least half bright, no escape codes', () => {
		const lines = renderDigit(pixels, {colorLevel: 'none', width: 4});
		assert.deepEqual(lines, [[{text: ' █▀█'}], [{text: '▀   '}]]);
		assert.deepEqual(digitLinesToAnsi(lines), [' █▀█', '▀   ']);
	});

	test('ASCII: a brightness ramp over each pair of rows, whatever the color level', () => {
		for (const colorLevel of ['truecolor', 'none'] as const) {
			assert.deepEqual(digitLinesToText(renderDigit(pixels, {colorLevel, width: 4, ascii: true})), [' @++', '+.  ']);
		}
	});

	test('an MNIST image is 14 lines of 28 characters; bytes are scaled to [0, 1]', () => {
		const images = new Uint8Array(2 * 784);
		images[784 + 30] = 255;
		images[784 + 31] = 51;
		const second = digitPixels(images, 1);
		assert.equal(second.length, 784);
		assert.equal(second[30], 1);
		assert.equal(second[31], Math.fround(0.2));
		const text = digitLinesToText(renderDigit(second, {colorLevel: 'none'}));
		assert.equal(text.length, 14);
		assert.ok(text.every(line => line.length === 28));
		assert.equal(text[0], '  ▄' + ' '.repeat(25));
	});
});
