/* @jsxRuntime automatic */
// (tsx compiles test files with the classic JSX runtime unless told: they are outside tsconfig's include.)
// The app through ink-testing-library with a fake model service: navigation, help, the
// form, a training run, stopping it, quitting, and the too-small window.
import assert from 'node:assert/strict';
import {afterEach, describe, test} from 'node:test';
import {cleanup, render} from 'ink-testing-library';
import {App, type AppProps} from '../source/app/app.js';
import type {AppServices} from '../source/hooks/use-services.js';
import {createTheme} from '../source/theme.js';
import {fakeModelService, type FakeModelService} from './fake-model-service.js';
import {delay, keys, waitForFrame} from './tui-helpers.js';

const store: AppServices['store'] = {modelExists: name => name === 'taken', checkModelName: () => {}};

function open(service: FakeModelService = fakeModelService(), props: Partial<AppProps> = {}) {
	const quits: number[] = [];
	const app = render(
		<App services={{model: service, store}} theme={createTheme(0)} size={{columns: 80, rows: 24}} defaultModel="shipped" onQuit={code => quits.push(code)} {...props} />,
	);
	const frame = (check: (frame: string) => boolean, timeoutMs?: number) => waitForFrame(app.lastFrame, check, timeoutMs);
	const press = async (...sequence: string[]) => {
		for (const key of sequence) {
			app.stdin.write(key);
			await delay(30);
		}
	};
	return {app, service, quits, frame, press};
}

afterEach(() => cleanup());

describe('home', () => {
	test('shows the menu, the backend and the loaded model in the status line', async () => {
		const {frame} = open();
		const shown = await frame(text => text.includes('shipped 97.00%'));
		assert.match(shown, /› {2}1 {2}Train/);
		assert.match(shown, /4 {2}Load image +read the digit in an image file/);
		assert.match(shown, /native \(TensorFlow\) │ shipped 97\.00%/);
		assert.match(shown, /↑↓ move {2}Enter open {2}q quit {2}\? help/);
	});

	test('arrows and j/k move, an item that is coming says so, a number opens Train, Esc goes back', async () => {
		const {frame, press} = open();
		await frame(text => text.includes('shipped'));
		await press('j');
		await frame(text => /› {2}2 {2}Evaluate/.test(text));
		await press(keys.down, 'k', keys.up, keys.up);
		await frame(text => /› {2}7 {2}Quit/.test(text));
		await press('1');
		await frame(text => text.includes('Train a new model'));
		await press(keys.escape);
		await frame(text => text.includes('handwritten digits'));
	});

	test('q quits with exit code 0', async () => {
		const {frame, press, quits} = open();
		await frame(text => text.includes('shipped'));
		await press('q');
		await delay(50);
		assert.deepEqual(quits, [0]);
	});

	test('keys that arrive together are handled in order', async () => {
		const {app, frame} = open();
		await frame(text => text.includes('shipped'));
		app.stdin.write('1jj\r\u007F\u007F\u007F64\r');
		const shown = await frame(text => /batch size +64/.test(text) && !text.includes('▏'));
		assert.match(shown, /› batch size/);
	});

	test('with no model it says so', async () => {
		const {frame} = open(fakeModelService(), {defaultModel: undefined});
		await frame(text => text.includes('no model yet'));
	});
});

describe('help overlay', () => {
	test('? lists every key of the current screen and Esc closes it', async () => {
		const {frame, press} = open();
		await frame(text => text.includes('shipped'));
		await press('?');
		const help = await frame(text => text.includes('Keys: home'));
		for (const line of ['↑/k', '↓/j', 'Enter', '1–7', 'q', 'Ctrl-C', '?']) assert.match(help, new RegExp(`^ ${line.replace('?', '\\?')} `, 'm'));
		assert.doesNotMatch(help, /Train {8}/, 'the menu is hidden under the help');
		await press(keys.escape);
		await frame(text => text.includes('Train') && !text.includes('Keys:'));
		await press('1', '?');
		const formHelp = await frame(text => text.includes('Keys: training form'));
		assert.match(formHelp, /^ s +start training with these settings/m);
		assert.match(formHelp, /^ Esc\/q +back to the menu/m);
	});
});

describe('training form', () => {
	test('edits a field, shows the error beside it as you type, and refuses to start until fixed', async () => {
		const {frame, press, service} = open();
		await press('1');
		await frame(text => text.includes('Train a new model'));
		await press('j', 'j', keys.enter, keys.ctrlU, '0');
		await frame(text => /batch size +0▏ +✗ must be a whole number of at least 1/.test(text));
		await press(keys.enter, 's');
		await frame(text => text.includes('fix the field marked ✗ first'));
		assert.equal(service.trained.length, 0);
		await press(keys.enter, keys.backspace, '6', '4');
		await frame(text => /batch size +64▏/.test(text) && !text.includes('✗'));
		await press(keys.escape, keys.down, keys.down, keys.down, keys.down, keys.down, keys.enter, 'taken');
		await frame(text => text.includes('✗ a model of that name exists'));
		await press(keys.ctrlU, 'q1', keys.enter);
		await frame(text => /model name +q1/.test(text) && !text.includes('✗'));
		await press(keys.escape);
		await frame(text => text.includes('handwritten digits'), 2000);
	});
});

describe('training form at 80 columns', () => {
	test('a field with an error keeps the space after the marker, and the error wraps between words', async () => {
		const {frame, press} = open();
		await press('1');
		await frame(text => text.includes('Train a new model'));
		await press('j', 'j', 'j', 'j', keys.enter, keys.ctrlU, '1');
		const shown = await frame(text => /validation split +1▏/.test(text));
		assert.match(shown, /^ › validation split {2}1▏ +✗ must be a fraction from 0 up to \(not$/m);
		assert.match(shown, /^ {37}including\) 1, e\.g\. 0\.2$/m);
		await press(keys.escape, 'k', keys.enter, keys.ctrlU, 'x');
		const rate = await frame(text => /learning rate +x▏/.test(text));
		assert.match(rate, /^ › learning rate {5}x▏ +✗ must be a number above 0 and below 10,$/m);
		assert.match(rate, /^ {37}e\.g\. 0\.001$/m);
		assert.doesNotMatch(rate, /…/);
	});

	test('batch size 1 is warned about beside the field; a run may still start', async () => {
		const {frame, press} = open();
		await press('1');
		await frame(text => text.includes('Train a new model'));
		await press('j', 'j', keys.enter, keys.ctrlU, '1', keys.enter);
		await frame(text => /batch size +1 +⚠ one image per step: very slow and noisy/.test(text));
	});

	test('--ascii: the form and its help line draw with ASCII only', async () => {
		const {frame, press} = open(fakeModelService(), {theme: createTheme(0, true)});
		await press('1');
		const shown = await frame(text => text.includes('Train a new model'));
		const screen = shown.split('\n').slice(0, -1).join('\n');
		assert.match(screen, /Left\/Right changes it/);
		assert.match(screen, /^[\x20-\x7e\n]*$/, 'no character outside ASCII above the status line');
	});
});

describe('training', () => {
	test('a run shows progress and both charts with legends, ends with the summary, and loads the new model', async () => {
		const {frame, press, service} = open(fakeModelService({stepMs: 80, batches: 6}));
		await press('1');
		await frame(text => text.includes('Train a new model'));
		await press('s');
		await frame(text => text.includes('train on all 60,000 training images (3 epochs)?') && text.includes('y/Enter start · n/Esc back'));
		assert.equal(service.trained.length, 0, 'a run of the whole training set asks first');
		await press('y');
		const live = await frame(text => text.includes('epoch 2/3') && text.includes('●'));
		assert.match(live, /Training fake-1 · classic · native \(TensorFlow\) · graph trainer/);
		assert.match(live, /loss {6}─ batch {2}● train {2}◆ val/);
		assert.match(live, /accuracy {2}─ batch {2}● train {2}◆ val/);
		assert.match(live, /^ epoch 2\/3 +[█▏▎▍▌▋▊▉░]+ batch \d\/6$/m);
		assert.match(live, /^ whole run +[█▏▎▍▌▋▊▉░]+ \d+%$/m);
		assert.match(live, /images\/s · elapsed .* · ETA /);
		assert.match(live, /^ +1 +1\.0000 +80\.00% +0\.8000 +85\.00% +2,500 +1\.2 s$/m);
		const done = await frame(text => text.includes('Done:'));
		assert.match(done, /Done: fake-1 reached 97\.50% test accuracy in 3\.6 s/);
		assert.match(done, /saved to \/models\/fake-1/);
		assert.match(done, /e evaluate {2}Enter home {2}t train {2}\? help/, 'the Done screen names e first');
		assert.match(done, /e evaluates it here; in a shell: digits eval --model fake-1/);
		await frame(text => text.includes('fake-1 97.00%'));
		assert.deepEqual(service.loads, ['shipped', 'fake-1']);
		assert.deepEqual(service.trained[0], {preset: 'classic', epochs: 3, batchSize: 128, learningRate: 0.001, validationSplit: 0.2, seed: 42, augment: false, schedule: 'constant'});
		await press('t');
		await frame(text => text.includes('Train a new model'));
		await press('s');
		await frame(text => text.includes('Training fake-1'));
		assert.equal(service.trained.length, 2, 'the form asks once: the second run starts at once');
	});

	test('Esc asks first, then stops at the next batch and keeps the last finished epoch', async () => {
		const {frame, press, service} = open(fakeModelService({stepMs: 60, batches: 5}));
		await press('1', 's', 'y');
		await frame(text => /^ +1 +1\.0000/m.test(text));
		await press(keys.escape);
		await frame(text => text.includes('stop training? the last finished epoch is kept'));
		await press('n');
		await frame(text => text.includes('Training fake-1'));
		assert.equal(service.aborted, false);
		await press(keys.escape, 'y');
		const stopped = await frame(text => text.includes('Stopped.'));
		// Epoch 1 finished before Esc; on a busy machine the next one may finish before y.
		assert.match(stopped, /epoch [12] is saved in \/models\/fake-1/);
		assert.equal(service.aborted, true);
		assert.deepEqual(service.loads, ['shipped'], 'a stopped run does not replace the loaded model');
	});

	test('after a stop, e evaluates the epoch the run saved; a run that saved nothing does not offer e', async () => {
		const evaluated: string[] = [];
		const service = fakeModelService({stepMs: 150, batches: 3, evaluate: name => (evaluated.push(name ?? ''), new Promise(() => {}))});
		const {frame, press} = open(service);
		await press('1', 's', 'y');
		await frame(text => /^ +1 +1\.0000/m.test(text));
		await press(keys.escape, 'y');
		const stopped = await frame(text => text.includes('Stopped.'));
		assert.match(stopped, /e evaluate {2}Enter home/);
		assert.match(stopped, /e evaluates it here; in a shell: digits eval --model fake-1/);
		await press('e');
		await frame(() => evaluated.length > 0);
		assert.deepEqual(evaluated, ['fake-1']);
		await frame(text => text.includes('fake-1 97.00%'), 2000);

		await press(keys.escape, '1', 's', 'y');
		await frame(text => text.includes('Training fake-1'));
		await press(keys.escape, 'y');
		const nothing = await frame(text => text.includes('nothing was saved'));
		assert.doesNotMatch(nothing, /e evaluate/);
		assert.doesNotMatch(nothing, /digits eval/);
		assert.match(nothing, /Enter home {2}t train/);
		await press('e');
		await delay(100);
		assert.equal(evaluated.length, 1);
	});

	test('--ascii: a run whose header is too long for 80 columns drops whole parts, and no line uses "…"', async () => {
		const model = 'a-rather-long-model-name-for-the-header';
		const ascii = createTheme(0, true);
		const {frame, press} = open(fakeModelService({stepMs: 120, batches: 4}), {theme: ascii, initial: {screen: 'train', form: {limit: '3,000', model}, autostart: true}});
		const aboveStatus = (text: string) => text.split('\n').slice(0, -1).join('\n');
		const live = await frame(text => text.includes('epoch 1/3') && text.includes('images/s'));
		assert.match(live, new RegExp(`Training ${model} \\| classic\\n`), 'the parts that do not fit are left out, not cut');
		assert.match(aboveStatus(live), /^[\x20-\x7e\n]*$/, 'no character outside ASCII above the status line');
		await press(keys.escape, 'y');
		const stopped = await frame(text => text.includes('Stopped.'));
		assert.match(aboveStatus(stopped), /^[\x20-\x7e\n]*$/);
	});

	test('a run too short for two batch events still shows its charts when done', async () => {
		const {frame} = open(fakeModelService({stepMs: 5, batches: 1}), {initial: {screen: 'train', form: {limit: '100', epochs: '1'}, autostart: true}});
		const done = await frame(text => text.includes('Done:'));
		assert.doesNotMatch(done, /waiting for the first batches/);
		assert.equal((done.match(/●/g) ?? []).length, 4, 'each chart: its legend and the train marker of the one epoch');
	});

	test('Ctrl-C while training stops the run and quits with 130', async () => {
		const {frame, press, service, quits} = open(fakeModelService({stepMs: 40}));
		await press('1', 's', 'y');
		await frame(text => text.includes('epoch 1/3'));
		await press(keys.ctrlC);
		await delay(300);
		assert.equal(service.aborted, true);
		assert.deepEqual(quits, [130]);
	});
});

test('a window below 80×24 shows what to do instead of a broken picture', async () => {
	const {frame} = open(fakeModelService(), {size: {columns: 60, rows: 20}});
	const shown = await frame(text => text.includes('make the window'));
	assert.match(shown, /make the window at least 80×24 \(now 60×20\)/);
	assert.doesNotMatch(shown, /Train/);
});
