/* @jsxRuntime automatic */
// (tsx compiles test files with the classic JSX runtime unless told: they are outside tsconfig's include.)
// Recognition end to end: for each digit 0–9 a keyboard stroke script is typed into the
// sketch pad, which predicts with the shipped model on the real model service; at least 9
// of the 10 must be read right.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {ModelServiceProcess} from '../source/model/service.js';
import {openSketch} from './sketch-harness.js';
import {delay} from './tui-helpers.js';
import {digitKeys, digitStrokes} from './sketch-strokes.js';

const service = new ModelServiceProcess();
after(() => {
	cleanup();
	service.close();
});

test('keyboard stroke scripts for 0–9 are read right by the shipped model (at least 9 of 10)', {timeout: 180_000}, async t => {
	const shipped = fs.readFileSync(path.join(import.meta.dirname, '..', 'models', 'DEFAULT'), 'utf8').trim();
	await service.load(shipped);
	const {app, frame} = openSketch(service);
	await frame(text => text.includes('draw a digit'));
	const read: Array<number | undefined> = [];
	let start: readonly [number, number] = [13, 13];
	for (let digit = 0; digit <= 9; digit++) {
		// The whole script arrives as one burst, as from a fast typist, tmux or a slow SSH link.
		app.stdin.write(digitKeys(digit, start).join(''));
		const end = digitStrokes[digit]!.at(-1)!.at(-1)!;
		await frame(text => text.includes(`pen up ${end[0]},${end[1]}`), 30_000);
		// The prediction of the finished digit follows within the 100 ms interval.
		await delay(400);
		const shown = app.lastFrame()!;
		read.push(Number(/› (\d) /.exec(shown)?.[1] ?? Number.NaN));
		app.stdin.write('c');
		await frame(text => text.includes('draw a digit'), 10_000);
		start = end;
	}
	const right = read.filter((digit, index) => digit === index).length;
	t.diagnostic(`read ${JSON.stringify(read)} for 0–9`);
	assert.ok(right >= 9, `read ${JSON.stringify(read)} for 0–9 (${right} right)`);
});
