/* @jsxRuntime automatic */
// (tsx compiles test files with the classic JSX runtime unless told: they are outside tsconfig's include.)
// The help overlay at 80 columns: long help lines wrap under their text, none is cut; with
// --ascii its keys are plain ASCII.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {renderToString} from 'ink';
import {HelpOverlay} from '../source/components/HelpOverlay.js';
import {helpRows, hints, keymaps, keymapTitles, type KeymapName} from '../source/input/keymap.js';

// At 80×24 the help has 22 rows: Ink's frame stays one row short of the window, and the status line takes one.
test('every keymap\'s help fits 80×22 with every word of every line, nothing cut with "…"', () => {
	for (const name of Object.keys(keymaps) as KeymapName[]) {
		const shown = renderToString(<HelpOverlay title={keymapTitles[name]} rows={helpRows(name)} width={80} />, {columns: 80});
		assert.ok(!shown.includes('…'), `${name}:\n${shown}`);
		assert.ok(shown.split('\n').length <= 22, `${name} is ${shown.split('\n').length} lines`);
		const words = shown.replaceAll(/\s+/g, ' ');
		for (const row of helpRows(name)) assert.ok(words.includes(row.help), `${name}: ${row.help}`);
		assert.equal(new Set(helpRows(name).map(row => row.keys)).size, helpRows(name).length, `${name} lists a key twice`);
	}
});

test('--ascii: every help row and status-line hint is plain ASCII (1-4, not 1–4)', () => {
	for (const name of Object.keys(keymaps) as KeymapName[]) {
		for (const row of helpRows(name, true)) assert.match(row.keys + row.help, /^[\x20-\x7e]*$/, `${name}: ${row.keys}`);
		for (const hint of hints(name, {ascii: true})) assert.match(hint.keys + hint.label, /^[\x20-\x7e]*$/, `${name}: ${hint.keys}`);
	}
	assert.equal(helpRows('evaluate', true).find(row => row.help === 'open a view by its number')?.keys, '1-4');
});
