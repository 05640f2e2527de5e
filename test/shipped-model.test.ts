// The model that ships in models/: a new user predicts with it at once, so it must be good.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {ModelService} from '../source/model/service.js';
import {readMeta, resolveModel, shippedModelName} from '../source/model/store.js';
import {useTemporaryHome} from './helpers.js';

useTemporaryHome();

test('the shipped model scores at least 99.0% on the 10,000 test images', async () => {
	const name = shippedModelName();
	assert.ok(name, 'models/DEFAULT names the shipped model');
	const service = new ModelService();
	try {
		const result = await service.evaluate(name);
		assert.equal(result.labels.length, 10_000);
		assert.ok(result.accuracy >= 0.99, `test accuracy ${result.accuracy}`);
		// Its meta.json says how it was made, and what it says is true.
		const meta = readMeta(resolveModel(name).dir);
		assert.equal(meta.options.validationSplit, 0);
		assert.equal(meta.options.limit, undefined);
		assert.equal(typeof meta.seed, 'number');
		assert.ok(Math.abs(meta.test!.accuracy - result.accuracy) < 1e-9);
	} finally {
		service.close();
	}
});
