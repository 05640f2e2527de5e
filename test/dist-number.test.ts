// Number reading in the built app, at 80×24 in tmux as a person would use it: the sketch pad's
// number mode with three digits typed with the keyboard (read by the shipped model), and Load
// image on a PNG of four digits. Skipped where tmux is missing.
import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {writeGrayPng} from '../source/image/load.js';
import {blankCanvas, lineInto, pixelCenter} from '../source/sketch/canvas.js';
import {builtBin, temporaryHome} from './helpers.js';
import {digitStrokes, moveKeys} from './sketch-strokes.js';
import {delay} from './tui-helpers.js';

const home = temporaryHome();
const socket = `digits-number-${process.pid}`;
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8'});
const screen = () => tmux('capture-pane', '-p', '-t', 'app');

async function shown(check: (text: string) => boolean, timeoutMs = 30_000): Promise<string> {
	const started = Date.now();
	for (;;) {
		const text = screen();
		if (check(text)) return text;
		if (Date.now() - started > timeoutMs) throw new Error(`not shown within ${timeoutMs} ms; the screen was:\n${text}`);
		await delay(300);
	}
}

type Pixel = readonly [number, number];

/** Each digit's strokes moved `spacing` pixels right per place. */
const placed = (digits: number[], spacing: number) => digits.flatMap((digit, place) => digitStrokes[digit]!.map(stroke => stroke.map(([x, y]): Pixel => [x + place * spacing, y])));

/** The keys that draw `strokes` from the cursor at (13, 13). */
function strokeKeys(strokes: Pixel[][]): string {
	const typed: string[] = [];
	let at: Pixel = [13, 13];
	for (const stroke of strokes) {
		typed.push(...moveKeys(at, stroke[0]!), 'p');
		at = stroke[0]!;
		for (const point of stroke.slice(1)) {
			typed.push(...moveKeys(at, point));
			at = point;
		}
		typed.push('p');
	}
	return typed.join('');
}

const picture = path.join(home, 'year.png');

before(async () => {
	// 2026 drawn with the sketch strokes, scaled 4 times, dark ink on white paper.
	const strokes = placed([2, 0, 2, 6], 24);
	const width = 28 + 24 * 3;
	const canvas = blankCanvas(width);
	for (const stroke of strokes) for (let i = 1; i < stroke.length; i++) lineInto(canvas, pixelCenter(...stroke[i - 1]!), pixelCenter(...stroke[i]!), 1.1, 'paint');
	const data = new Float32Array(width * 4 * 112);
	for (let y = 0; y < 112; y++) for (let x = 0; x < width * 4; x++) data[y * width * 4 + x] = 1 - canvas[Math.floor(y / 4) * width + Math.floor(x / 4)]!;
	await writeGrayPng(picture, {width: width * 4, height: 112, data});
});

after(() => {
	if (hasTmux) spawnSync('tmux', ['-L', socket, 'kill-server']);
});

const corners = (text: string) => text.split('┌').length - 1;
const noStackTrace = (text: string) => assert.ok(!/\n\s+at \S+ \(|Error:/.test(text), text);

test('the built app at 80×24: number mode on the sketch pad and a number picture in Load image', {skip: hasTmux ? false : 'tmux is not installed', timeout: 120_000}, async t => {
	tmux('new-session', '-d', '-s', 'app', '-x', '80', '-y', '24', `env -u CI TERM=xterm-256color DIGITS_HOME=${home} XDG_CONFIG_HOME=${path.join(home, 'config')} ${process.execPath} ${builtBin} sketch`);
	await shown(text => text.includes('draw a digit'));
	tmux('send-keys', '-t', 'app', 'm');
	const empty = await shown(text => text.includes('draw a number'));
	assert.match(empty, /^ Sketch number/);
	tmux('send-keys', '-t', 'app', '-l', strokeKeys(placed([3, 1, 7], 24)));
	// The last stroke's reading comes after its pen-up: the screen must also have stopped changing.
	let previous = '';
	const read = await shown(text => {
		const settled = text === previous && text.includes('pen up 60,23') && /reads \d+/.test(text);
		previous = text;
		return settled;
	});
	const number = /reads (\d+)/.exec(read)![1];
	t.diagnostic(`the shipped model read ${number}; ${/3 digits, [\d.]+% sure/.exec(read)?.[0]}`);
	assert.equal(corners(read), 3, read);
	assert.equal(number, '317', read);
	noStackTrace(read);
	assert.ok(read.split('\n').every(line => line.length <= 80));

	tmux('send-keys', '-t', 'app', 'Escape');
	await shown(text => text.includes('Load image'));
	tmux('send-keys', '-t', 'app', '4');
	await shown(text => text.includes('Tab to type one'));
	tmux('send-keys', '-t', 'app', 'Tab');
	tmux('send-keys', '-t', 'app', '-l', picture);
	tmux('send-keys', '-t', 'app', 'Enter');
	const loaded = await shown(text => /reads \d{4}\b/.test(text));
	t.diagnostic(`Load image read ${/reads (\d+)/.exec(loaded)![1]}`);
	assert.equal(corners(loaded), 4, loaded);
	assert.match(loaded, /4 digits/);
	noStackTrace(loaded);
	tmux('send-keys', '-t', 'app', 'm');
	await shown(text => text.includes('model sees'));
	tmux('send-keys', '-t', 'app', 'q');
	tmux('send-keys', '-t', 'app', 'q');
});
