// `digits train`'s plain lines.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {describeEvent} from '../source/commands/train.js';
import type {TrainOptions} from '../source/model/types.js';
import {counted} from '../source/render/format.js';

const options = (epochs: number): TrainOptions => ({preset: 'classic', epochs, batchSize: 64, learningRate: 0.001, validationSplit: 0.2, seed: 1, augment: false, schedule: 'constant'});
const startLine = (epochs: number) => describeEvent({type: 'start', backend: 'tensorflow', trainer: 'graph', preset: 'classic', model: 'm', options: options(epochs)});

test('a count takes the singular for one: 1 epoch, 2 epochs, 60,000 images', () => {
	assert.equal(counted(1, 'epoch'), '1 epoch');
	assert.equal(counted(2, 'epoch'), '2 epochs');
	assert.equal(counted(60_000, 'image'), '60,000 images');
});

test('the first line of a one-epoch run says "1 epoch"', () => {
	assert.match(startLine(1) ?? '', /: 1 epoch, batch 64,/);
	assert.match(startLine(2) ?? '', /: 2 epochs, batch 64,/);
});
