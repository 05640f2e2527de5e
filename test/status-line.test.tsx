/* @jsxRuntime automatic */
// (tsx compiles test files with the classic JSX runtime unless told: they are outside tsconfig's include.)
// The status line at 80 columns: the keys give way as whole hints, never cut mid-word.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {renderToString} from 'ink';
import {StatusLine} from '../source/components/StatusLine.js';
import {hints} from '../source/input/keymap.js';

test('at 80 columns the Load image hints leave out a whole hint and keep "? help"', () => {
	const line = renderToString(<StatusLine backend={{state: 'ready', backend: 'tensorflow'}} model={{state: 'loaded', name: 'best', testAccuracy: 0.9963}} hints={hints('loadImage')} width={80} />, {columns: 80});
	assert.ok(line.endsWith('↑↓ move  Enter open  Tab path  ? help'), line);
	assert.ok(!line.includes('…'), line);
});
