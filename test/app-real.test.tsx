/* @jsxRuntime automatic */
// (tsx compiles test files with the classic JSX runtime unless told: they are outside tsconfig's include.)
// The training screen on the real model service (TensorFlow in its child process), on a
// tiny slice in a temporary DIGITS_HOME: the frames show the charts, the run ends with the
// summary, and stopping keeps the last finished epoch on disk.
import assert from 'node:assert/strict';
import {after, afterEach, test} from 'node:test';
import {cleanup, render} from 'ink-testing-library';
import {App} from '../source/app/app.js';
import {modelNames} from '../source/model/store.js';
import {ModelServiceProcess} from '../source/model/service.js';
import {findModel, readMeta} from '../source/model/store.js';
import {createTheme} from '../source/theme.js';
import {temporaryHome} from './helpers.js';
import {delay, keys, waitForFrame} from './tui-helpers.js';

const home = temporaryHome();
const service = new ModelServiceProcess();
after(() => service.close());
afterEach(() => cleanup());

function open(form: Record<string, string>) {
	const app = render(
		<App services={{model: service, store: modelNames}} theme={createTheme(0)} size={{columns: 80, rows: 24}} initial={{screen: 'train', form, autostart: true}} />,
	);
	return {app, frame: (check: (frame: string) => boolean, timeoutMs = 120_000) => waitForFrame(app.lastFrame, check, timeoutMs)};
}

test('a short run draws both charts while it trains and ends with the summary', async () => {
	const {app, frame} = open({epochs: '1', limit: '600', model: 'tui-small'});
	const done = await frame(text => text.includes('Done:'));
	assert.ok(
		app.frames.some(text => /epoch 1\/1/.test(text) && /^ 2\.\d\d┼/m.test(text) && /100%┼|100%┤/.test(text)),
		'some frame shows the progress and both charts with their axes',
	);
	assert.match(done, /Done: tui-small reached \d+\.\d\d% test accuracy/);
	assert.match(done, new RegExp(`saved to ${home}/models/tui-small`));
	await frame(text => /tui-small \d+\.\d\d%/.test(text.split('\n').at(-1)!), 30_000);
	assert.ok(findModel('tui-small'));
});

test('stopping after the first epoch keeps that epoch on disk', async () => {
	const {app, frame} = open({epochs: '20', limit: '1200', model: 'tui-stopped'});
	await frame(text => /^ +1 +\d\.\d{4}/m.test(text));
	app.stdin.write(keys.escape);
	await frame(text => text.includes('stop training?'), 5000);
	await delay(50);
	app.stdin.write('y');
	const stopped = await frame(text => text.includes('Stopped.'), 60_000);
	const saved = Number(/epoch (\d+) is saved/.exec(stopped)?.[1]);
	assert.ok(saved >= 1 && saved < 20, stopped);
	const meta = readMeta(findModel('tui-stopped')!);
	assert.equal(meta.history.length, saved);
});
