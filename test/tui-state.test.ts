// The TUI's pure state: the training reducer and its figures, the form, the keymap, text
// field edits and the theme's color level. No Ink here.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {menuItems} from '../source/screens/home/home-menu.js';
import {defaultFormValues, fieldProblem, fieldWarning, formOptions, formReducer, initialForm, startNeedsConfirmation, startRow} from '../source/screens/train/train-form.js';
import type {ModelNames} from '../source/model/store.js';
import {
	currentStep,
	elapsedSeconds,
	epochPoints,
	etaSeconds,
	idleTraining,
	imagesPerSecond,
	runFraction,
	trainingReducer,
	type TrainingState,
} from '../source/screens/train/training-state.js';
import {flagValue, switchFlag} from '../source/cli-flags.js';
import {presets, trainDefaults} from '../source/model/presets.js';
import {trainChecks} from '../source/model/train-options.js';
import {commandFor, helpRows, hints, isKeyBurst, keyName, keymaps, nextKey} from '../source/input/keymap.js';
import {editField, fieldEdits, type FieldEdit} from '../source/input/text-field.js';
import type {TrainEvent, TrainOptions} from '../source/model/types.js';
import {createTheme, detectAscii, detectColorLevel} from '../source/theme.js';

const options: TrainOptions = {preset: 'classic', epochs: 2, batchSize: 100, learningRate: 0.001, validationSplit: 0.2, seed: 1, limit: 1000};
const batch = (epoch: number, number: number): TrainEvent => ({type: 'batch', epoch, epochs: 2, batch: number, batches: 8, loss: 1 / number, accuracy: number / 10});

function run(...steps: Array<[TrainEvent[], number]>): TrainingState {
	let state = trainingReducer(idleTraining, {type: 'requested', options, now: 0});
	for (const [events, now] of steps) state = trainingReducer(state, {type: 'events', events, now});
	return state;
}

describe('training state', () => {
	test('goes from starting to preparing to training to finished', () => {
		assert.equal(run().phase, 'starting');
		const start: TrainEvent = {type: 'start', backend: 'tensorflow', trainer: 'graph', preset: 'classic', model: 'm', options};
		assert.equal(run([[start], 100]).phase, 'preparing');
		const training = run([[start], 100], [[batch(1, 1), batch(1, 2)], 1000]);
		assert.equal(training.phase, 'training');
		assert.equal(training.model, 'm');
		assert.deepEqual(training.loss.map(point => point.step), [1, 2]);
		const done = trainingReducer(training, {type: 'events', events: [{type: 'done', model: 'm', path: '/m', testAccuracy: 0.9, seconds: 3}], now: 3000});
		assert.equal(done.phase, 'finished');
		assert.deepEqual(done.outcome, {type: 'done', model: 'm', path: '/m', testAccuracy: 0.9, seconds: 3});
		assert.equal(runFraction(done), 1);
	});

	test('counts steps over the whole run and measures images/s and the time left', () => {
		const state = run([[batch(1, 2)], 1000], [[batch(1, 6)], 2000]);
		assert.equal(currentStep(state), 6);
		assert.equal(runFraction(state), 6 / 16);
		assert.equal(imagesPerSecond(state), 400, '4 batches of 100 in one second');
		assert.equal(etaSeconds(state), 10 * 0.25, '10 steps left at 0.25 s each');
		assert.equal(elapsedSeconds(state), 2);
		const second = run([[batch(1, 8)], 1000], [[batch(2, 1)], 1500]);
		assert.equal(currentStep(second), 9);
	});

	test('images/s is counted as the epoch table counts it: this epoch\'s images over its seconds, then the epoch\'s own figure', () => {
		const epoch: TrainEvent = {type: 'epoch', epoch: 1, epochs: 2, loss: 0.5, accuracy: 0.8, valLoss: 0.4, valAccuracy: 0.85, imagesPerSecond: 900, seconds: 1, path: '/m'};
		const ended = run([[batch(1, 2)], 1000], [[batch(1, 8)], 2000], [[epoch], 2500]);
		assert.equal(imagesPerSecond(ended), 900, 'between epochs: the figure in the table, not a window over the pause');
		const next = trainingReducer(ended, {type: 'events', events: [batch(2, 3)], now: 3500});
		assert.equal(imagesPerSecond(next), 300, 'epoch 2 so far: 3 batches of 100 in the second since epoch 1 was reported');
		const finished = trainingReducer(next, {type: 'events', events: [{type: 'cancelled', epoch: 1, path: '/m'}], now: 3600});
		assert.equal(imagesPerSecond(finished), 900);
	});

	test('keeps each epoch for the table and the charts', () => {
		const epoch: TrainEvent = {type: 'epoch', epoch: 1, epochs: 2, loss: 0.5, accuracy: 0.8, valLoss: 0.4, valAccuracy: 0.85, imagesPerSecond: 900, seconds: 1, path: '/m'};
		const state = run([[batch(1, 8), epoch], 1000]);
		assert.deepEqual(state.history, [{epoch: 1, loss: 0.5, accuracy: 0.8, valLoss: 0.4, valAccuracy: 0.85, imagesPerSecond: 900, seconds: 1}]);
		assert.deepEqual(epochPoints(state, 'accuracy'), [{epoch: 1, step: 8, train: 0.8, validation: 0.85}]);
	});

	test('a stop request is remembered until the run ends; a failure ends it', () => {
		const state = trainingReducer(run([[batch(1, 1)], 10]), {type: 'stopRequested'});
		assert.equal(state.stopping, true);
		const failed = trainingReducer(state, {type: 'failed', message: 'boom', now: 20});
		assert.deepEqual(failed.outcome, {type: 'error', message: 'boom'});
		assert.equal(trainingReducer(failed, {type: 'reset'}), idleTraining);
	});
});

const store: ModelNames = {
	modelExists: name => name === 'taken',
	checkModelName: name => {
		if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name)) throw new Error('bad');
	},
};

describe('training form', () => {
	test('starts from the defaults of digits train', () => {
		const values = defaultFormValues();
		assert.equal(values.epochs, String(trainDefaults.epochs));
		assert.equal(values.batchSize, String(trainDefaults.batchSize));
		assert.deepEqual(formOptions(values, store), {...trainDefaults});
	});

	test('says what is wrong with a field in the words of the flags', () => {
		assert.equal(fieldProblem('batchSize', '0', store), 'must be a whole number of at least 1');
		assert.equal(fieldProblem('batchSize', '12.5', store), 'must be a whole number of at least 1');
		assert.equal(fieldProblem('learningRate', '0', store), 'must be a number above 0 and below 10, e.g. 0.001');
		assert.equal(fieldProblem('validationSplit', '1', store), 'must be a fraction from 0 up to (not including) 1, e.g. 0.2');
		assert.equal(fieldProblem('seed', '0', store), undefined);
		assert.equal(fieldProblem('limit', '', store), undefined);
		assert.equal(fieldProblem('model', 'taken', store), 'a model of that name exists; pick another name');
		assert.match(fieldProblem('model', 'no spaces', store)!, /letters, digits/);
		assert.throws(() => flagValue('batch-size', '0', 1, trainChecks.batchSize), /--batch-size must be a whole number of at least 1 \(got "0"\)/);
		assert.throws(() => flagValue('learning-rate', 'x', 1, trainChecks.learningRate), /--learning-rate must be a number above 0/);
	});

	test('whole numbers may be grouped by thousands ("3,000"), in the form and in the flags', () => {
		assert.equal(fieldProblem('limit', '3,000', store), undefined);
		assert.equal(formOptions({...defaultFormValues(), limit: '3,000', batchSize: '1,024'}, store)?.limit, 3000);
		assert.equal(formOptions({...defaultFormValues(), limit: '3,000', batchSize: '1,024'}, store)?.batchSize, 1024);
		assert.equal(flagValue('limit', '3,000', undefined, trainChecks.limit), 3000);
		assert.equal(flagValue('epochs', '12', 1, trainChecks.epochs), 12);
		for (const wrong of ['3,00', '30,00,0', ',300', '3.000']) assert.equal(fieldProblem('epochs', wrong, store), 'must be a whole number of at least 1', wrong);
	});

	test('more images than the training set has says how many there are', () => {
		assert.equal(fieldProblem('limit', '60000', store), undefined);
		assert.equal(fieldProblem('limit', '60,001', store), 'must be a whole number from 1 to 60,000 (the training set has 60,000 images)');
		assert.throws(() => flagValue('limit', '100000', undefined, trainChecks.limit), /--limit must be a whole number from 1 to 60,000 \(the training set has 60,000 images\) \(got "100000"\)/);
	});

	test('batch size 1 is allowed but warned about', () => {
		assert.equal(fieldProblem('batchSize', '1', store), undefined);
		assert.equal(fieldWarning('batchSize', '1'), 'one image per step: very slow and noisy');
		assert.equal(fieldWarning('batchSize', '2'), undefined);
		assert.equal(fieldWarning('epochs', '1'), undefined);
	});

	test('a run of the whole training set asks once; a limited one never', () => {
		let state = initialForm();
		assert.equal(startNeedsConfirmation(state), true);
		assert.equal(startNeedsConfirmation(initialForm({limit: '3000'})), false);
		state = formReducer(state, {type: 'ask'});
		assert.equal(state.confirming, true);
		state = formReducer(state, {type: 'answer', yes: false});
		assert.deepEqual([state.confirming, startNeedsConfirmation(state)], [false, true], 'no: it asks again next time');
		state = formReducer(formReducer(state, {type: 'ask'}), {type: 'answer', yes: true});
		assert.deepEqual([state.confirming, startNeedsConfirmation(state)], [false, false], 'yes: it does not ask again');
		assert.equal(startNeedsConfirmation(formReducer(state, {type: 'reset'})), false, 'not even after r');
	});

	test('an on/off flag is on, off (the last one wins) or absent, so the preset decides', () => {
		assert.equal(switchFlag(['--preset', 'best'], 'augment'), undefined);
		assert.equal(switchFlag(['--augment'], 'augment'), true);
		assert.equal(switchFlag(['--augment', '--no-augment'], 'augment'), false);
		assert.equal(switchFlag(['--no-augment', '--augment'], 'augment'), true);
		assert.equal(switchFlag(['--', '--augment'], 'augment'), undefined, 'nothing after --');
		assert.equal(switchFlag(['--augmentation'], 'augment'), undefined);
	});

	test('gives options only when every field is right', () => {
		const values = {...defaultFormValues(), limit: '600', model: 'mine', epochs: '1'};
		assert.deepEqual(formOptions(values, store), {...trainDefaults, epochs: 1, limit: 600, model: 'mine'});
		assert.equal(formOptions({...values, epochs: 'x'}, store), undefined);
	});

	test('moves, edits, erases and cycles choices; the moves stop at the first field and at the start row', () => {
		let state = initialForm();
		state = formReducer(state, {type: 'move', by: -1});
		assert.equal(state.selected, 0, '↑ on the first field does not land on "start training"');
		assert.equal(formReducer(formReducer(state, {type: 'move', by: startRow}), {type: 'move', by: 1}).selected, startRow);
		state = formReducer(state, {type: 'move', by: 1});
		assert.equal(state.selected, 1);
		state = formReducer(state, {type: 'edit'});
		state = formReducer(state, {type: 'erase'});
		state = formReducer(state, {type: 'type', text: '1\n2'});
		assert.equal(state.values.epochs, '12', 'a pasted line break is dropped');
		state = formReducer(state, {type: 'leave'});
		state = formReducer(state, {type: 'type', text: '9'});
		assert.equal(state.values.epochs, '12', 'typing outside a field changes nothing');
		state = formReducer(formReducer(state, {type: 'move', by: -1}), {type: 'edit'});
		assert.equal(state.editing, false, 'a choice cycles instead of opening a text field');
		assert.equal(state.values.preset, 'best');
		assert.equal(state.values.epochs, '12', 'an edited field keeps its value when the preset changes');
		assert.equal(state.values.validationSplit, String(presets.best.defaults.validationSplit), "an untouched one takes the new preset's default");
		assert.equal(formOptions(state.values, store)?.augment, true);
		state = formReducer(state, {type: 'cycle', by: 1});
		assert.equal(state.values.preset, 'classic', 'cycling wraps around');
		assert.equal(state.values.validationSplit, String(presets.classic.defaults.validationSplit));
	});
});

describe('keymap', () => {
	test('names the keys Ink reports', () => {
		assert.equal(keyName('c', {ctrl: true}), 'ctrl+c');
		assert.equal(keyName('', {upArrow: true}), 'up');
		assert.equal(keyName('', {delete: true}), 'backspace', 'DEL from the Backspace key');
		assert.equal(keyName('', {tab: true, shift: true}), 'shift+tab');
		assert.equal(keyName(' ', {}), 'space');
		assert.equal(keyName('j', {}), 'j');
		assert.equal(keyName('jj', {}), undefined);
	});

	test('splits keys that arrived together, keeping pasted text whole for a field', () => {
		assert.equal(isKeyBurst('j', {}), false);
		assert.equal(isKeyBurst('jj\r', {}), true);
		assert.equal(isKeyBurst('[A', {upArrow: true}), false);
		assert.deepEqual(nextKey('jj\r', false), {input: 'j', key: {shift: false}, rest: 'j\r'});
		assert.deepEqual(nextKey('\rx', false), {input: '', key: {return: true}, rest: 'x'});
		assert.deepEqual(nextKey('2000\rj', true), {input: '2000', key: {shift: false}, rest: '\rj'});
		assert.deepEqual(nextKey('\u0001', true), undefined);
	});

	test('every screen\'s keys come from one table, with no key bound twice on a screen', () => {
		for (const [name, bindings] of Object.entries(keymaps)) {
			const keys = bindings.flatMap(binding => [...binding.keys]);
			assert.equal(new Set(keys).size, keys.length, `${name} binds a key twice`);
		}
		assert.equal(commandFor(keymaps.home, 'j')?.command, 'down');
		assert.equal(commandFor(keymaps.trainDone, 'e')?.command, 'evaluate');
	});

	test('the help lists every key of the screen plus the global ones; the status line the main ones', () => {
		const rows = helpRows('home');
		assert.deepEqual(
			rows.map(row => row.keys),
			['↑/k', '↓/j', 'Enter', '1–7', 'q', 'Ctrl-C', '?'],
		);
		assert.match(helpRows('trainDone').find(row => row.keys === 'e')!.help, /^evaluate the new model/);
		assert.deepEqual(hints('home').map(hint => `${hint.keys} ${hint.label}`), ['↑↓ move', 'Enter open', 'q quit', '? help']);
		assert.deepEqual(hints('trainField').map(hint => hint.label), ['done', 'leave'], 'no ? in a text field');
		assert.deepEqual(hints('sketchField').map(hint => hint.label), ['complete', 'open', 'cancel'], 'no ? while typing a file name');
		assert.deepEqual(hints('loadImageField').map(hint => hint.label), ['complete', 'open', 'leave'], 'no ? while typing a path');
	});

	test('commands without help of their own share the row above: one row for the four moves, arrows first', () => {
		for (const [name, bindings] of Object.entries(keymaps)) assert.ok(bindings[0].help !== undefined, `${name} starts with a row of its own`);
		assert.deepEqual(
			helpRows('sketch').slice(0, 7).map(row => [row.keys, row.help]),
			[
				['←/↓/↑/→/h/j/k/l', 'move the cursor (a number first: that many pixels)'],
				['y/u/b/n', 'move diagonally: up-left, up-right, down-left, down-right'],
				['H/J/K/L/⇧←/⇧↓/⇧↑/⇧→', 'move the cursor 4 pixels'],
				['0–9', 'a count for the next move (5l: five pixels right)'],
				['Space', 'paint one dab (mouse: press and drag the left button)'],
				['p', 'pen down: paint while moving (p again lifts it)'],
				['x/e', 'erase a dab; e toggles the eraser (mouse: right button)'],
			],
		);
		assert.equal(helpRows('sketch', true)[2]?.keys, 'H/J/K/L/Shift-Left/Shift-Down/Shift-Up/Shift-Right');
		// The help's title, two blank lines and its last line around the rows fill the 22 rows an 80×24 window leaves.
		assert.equal(helpRows('sketch').length, 18);
		assert.deepEqual(
			['h', 'J', 'shift+right', '[', ']', '7'].map(key => commandFor(keymaps.sketch, key)?.command),
			['moveLeft', 'jumpDown', 'jumpRight', 'smallerBrush', 'biggerBrush', 'count'],
		);
		assert.deepEqual(hints('sketch').map(hint => `${hint.keys} ${hint.label}`), ['hjkl move', 'Space paint', 'p pen', 'z undo', 'm number', '? help']);
	});

	test('a text field: keys type, Backspace deletes the last character, Ctrl-U clears', () => {
		assert.equal(editField('scans/', {type: 'type', text: '7.png'}), 'scans/7.png');
		assert.equal(editField('scans/', {type: 'erase'}), 'scans');
		assert.equal(editField('', {type: 'erase'}), '');
		assert.equal(editField('scans/', {type: 'clear'}), '');
		const edits: FieldEdit[] = [];
		const field = fieldEdits(edit => edits.push(edit));
		field.onText('q?');
		field.handlers.erase();
		field.handlers.clear();
		assert.deepEqual(edits, [{type: 'type', text: 'q?'}, {type: 'erase'}, {type: 'clear'}]);
	});
});

describe('theme and menu', () => {
	test('color level: NO_COLOR, then FORCE_COLOR, then what the terminal says', () => {
		assert.equal(detectColorLevel({NO_COLOR: '1', FORCE_COLOR: '3'}, true), 0);
		assert.equal(detectColorLevel({FORCE_COLOR: '2'}, false), 2);
		assert.equal(detectColorLevel({COLORTERM: 'truecolor'}, true), 3);
		assert.equal(detectColorLevel({TERM: 'screen-256color'}, true), 2);
		assert.equal(detectColorLevel({TERM: 'xterm'}, true), 1);
		assert.equal(detectColorLevel({TERM: 'xterm-256color'}, false), 0);
		assert.equal(detectAscii({LANG: 'C'}), true);
		assert.equal(detectAscii({LANG: 'en_US.UTF-8'}), false);
	});

	test('colors degrade from truecolor to 256 to 16 to none', () => {
		assert.equal(createTheme(3).color('bad'), '#ff5f5f');
		assert.equal(createTheme(2).color('bad'), 'ansi256(203)');
		assert.equal(createTheme(1).color('bad'), 'red');
		assert.equal(createTheme(0).color('bad'), undefined);
		assert.equal(createTheme(3).color('plain'), undefined);
	});

	test('every menu item opens a screen or quits; Train says why it is off on pure JS', () => {
		const items = menuItems({state: 'ready', backend: 'tensorflow'});
		assert.deepEqual(
			items.map(item => item.label),
			['Train', 'Evaluate', 'Sketch', 'Load image', 'Examples', 'Model info', 'Quit'],
		);
		assert.equal(items[0]!.disabled, undefined);
		assert.equal(items.at(-1)!.quit, true);
		assert.ok(items.every(item => item.screen !== undefined || item.quit));
		assert.match(menuItems({state: 'ready', backend: 'cpu', reason: 'no native library'})[0]!.disabled!, /native backend \(no native library\)/);
	});
});
