// The preset table is the one list of networks: `digits train --preset`, its help and the
// training form must each offer every entry, with its description and its defaults.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {presetNames, presets, type PresetDefaults} from '../source/model/presets.js';
import {fields, formOptions, formReducer, initialForm} from '../source/screens/train/train-form.js';
import type {ModelNames} from '../source/model/store.js';
import {runCli, temporaryHome} from './helpers.js';

temporaryHome();
const store: ModelNames = {modelExists: () => false, checkModelName: () => {}};

describe('every preset of the table', () => {
	for (const name of presetNames) {
		test(`digits train --preset ${name} is accepted`, async () => {
			// A bad --epochs stops the run once --preset has been checked, before any training.
			const result = await runCli(['train', '--preset', name, '--epochs', 'x']);
			assert.equal(result.code, 2);
			assert.equal(result.stderr, '--epochs must be a whole number of at least 1 (got "x").\n');
		});
	}

	test('is named, with its defaults, in digits train --help', async () => {
		const result = await runCli(['train', '--help']);
		assert.equal(result.code, 0);
		assert.match(result.stdout, new RegExp(`--preset NAME +network: ${presetNames.join(', ')} \\(default`));
		const shown = (value: PresetDefaults[keyof PresetDefaults]) => (typeof value === 'boolean' ? (value ? 'on' : 'off') : String(value));
		for (const key of Object.keys(presets.classic.defaults) as Array<keyof PresetDefaults>) {
			assert.ok(result.stdout.includes(`(${presetNames.map(name => `${name} ${shown(presets[name].defaults[key])}`).join(' | ')})`), `the ${key} defaults`);
		}
	});

	test("is a choice of the training form, described, and gives the form its defaults", () => {
		const field = fields.find(candidate => candidate.name === 'preset')!;
		assert.deepEqual(field.choices, presetNames);
		for (const name of presetNames) assert.ok(field.about.includes(`${name}, ${presets[name].description}`), `${name} is described`);
		let state = initialForm();
		for (const name of presetNames) {
			assert.equal(state.values.preset, name);
			const options = formOptions(state.values, store)!;
			const {augment, batchSize, epochs, learningRate, schedule, validationSplit} = options;
			assert.deepEqual({augment, batchSize, epochs, learningRate, schedule, validationSplit}, presets[name].defaults);
			state = formReducer(state, {type: 'cycle', by: 1});
		}
		assert.equal(state.values.preset, presetNames[0], 'cycling comes back to the first preset');
	});
});
