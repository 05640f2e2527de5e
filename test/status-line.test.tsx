/* @jsxRuntime automatic */
// (tsx compiles test files with the classic JSX runtime unless told: they are outside tsconfig's include.)
// The status line at 80 columns: the keys give way as whole hints, never cut mid-word.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {renderToString} from 'ink';
import {StatusLine} from '../source/components/StatusLine.js';
import {ThemeProvider} from '../source/components/theme-context.js';
import {hints} from '../source/input/keymap.js';
import {createTheme} from '../source/theme.js';

test('at 80 columns the Load image hints leave out a whole hint and keep "? help"', () => {
	const line = renderToString(<StatusLine backend={{state: 'ready', backend: 'tensorflow'}} model={{state: 'loaded', name: 'best', testAccuracy: 0.9963}} hints={hints('loadImage')} width={80} />, {columns: 80});
	assert.ok(line.endsWith('↑↓ move  Enter open  Tab path  ? help'), line);
	assert.ok(!line.includes('…'), line);
});

test('a model message too long for the line ends after a whole word, with "..." under --ascii', () => {
	const message = 'could not load the model quick-2026-12-05-1130: model.json is missing; train it again or delete it with digits models --delete';
	for (const ascii of [false, true]) {
		const line = renderToString(
			<ThemeProvider theme={createTheme(0, ascii)}>
				<StatusLine backend={{state: 'ready', backend: 'tensorflow'}} model={{state: 'failed', message}} hints={hints('home')} width={80} />
			</ThemeProvider>,
			{columns: 80},
		);
		assert.ok(line.length <= 80, line);
		const shown = /│ (.*?)(\.\.\.|…) /.exec(line.replace(' | ', ' │ '));
		assert.ok(shown, `the message is shortened with an ellipsis: ${line}`);
		assert.ok(message.startsWith(`${shown[1]} `), `it ends after a whole word: ${line}`);
		assert.equal(shown[2], ascii ? '...' : '…', line);
	}
});

test('a loaded model whose name and score do not both fit keeps its name whole and leaves the score out', () => {
	const line = renderToString(<StatusLine backend={{state: 'ready', backend: 'tensorflow'}} model={{state: 'loaded', name: 'classic-20261205-1303', testAccuracy: null}} hints={hints('evaluate')} width={80} />, {columns: 80});
	assert.match(line, /│ classic-20261205-1303 {2,}/, line);
	assert.ok(!line.includes('…'), line);
});
