// The models that ship in models/: a new user predicts with the default one at once, so it
// must be good, and each must have been made the way its meta.json (and readme.md) says.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {presets} from '../source/model/presets.js';
import {ModelServiceProcess} from '../source/model/service.js';
import {readMeta, resolveModel, shippedModelName} from '../source/model/store.js';
import type {ModelMeta} from '../source/model/types.js';
import {temporaryHome} from './helpers.js';

temporaryHome();
let service: ModelServiceProcess;
before(() => (service = new ModelServiceProcess()));
after(() => service.close());

/** Scores the named model on the test images; its meta.json's test accuracy must be what it scores. */
async function scored(name: string): Promise<{accuracy: number; meta: ModelMeta}> {
	const result = await service.evaluate(name);
	assert.equal(result.labels.length, 10_000);
	const meta = readMeta(resolveModel(name).dir);
	assert.ok(Math.abs(meta.test!.accuracy - result.accuracy) < 1e-9, `meta.json says ${meta.test!.accuracy}, it scores ${result.accuracy}`);
	return {accuracy: result.accuracy, meta};
}

test('the default model is `best`, made by `digits train --preset best` as it is, and scores at least 99.6% (the preset\'s target)', async () => {
	assert.equal(shippedModelName(), 'best', 'models/DEFAULT names it');
	const {accuracy, meta} = await scored('best');
	assert.ok(accuracy >= 0.996, `test accuracy ${accuracy}`);
	assert.equal(meta.preset, 'best');
	assert.deepEqual(meta.options, {preset: 'best', seed: 42, ...presets.best.defaults});
	assert.equal(meta.trainer, 'graph');
});

test('classic ships too, trained on all images, and scores at least 99.0%', async () => {
	const {accuracy, meta} = await scored('classic');
	assert.ok(accuracy >= 0.99, `test accuracy ${accuracy}`);
	assert.equal(meta.preset, 'classic');
	assert.equal(meta.options.validationSplit, 0);
	assert.equal(meta.options.limit, undefined);
});
