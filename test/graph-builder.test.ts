// The op builder and SavedModel writer on a tiny graph: TensorFlow loads what they write,
// signatures have the declared shapes, and variables keep their values between calls.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, test} from 'node:test';
import {GraphBuilder} from '../source/model/graph/builder.js';
import {savedModelTag, writeSavedModel} from '../source/model/graph/saved-model.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digits-graph-test-'));
after(() => fs.rmSync(dir, {recursive: true, force: true}));

test('a written SavedModel loads, runs, and keeps variable values between calls', async () => {
	const graph = new GraphBuilder();
	const x = graph.placeholder('x', 'float', [-1, 2]);
	const total = graph.variable('total', [2]);
	const init = graph.group([graph.assign(total, graph.constant(Float32Array.of(1, 10), [2]))], 'init');
	// add: total += the column means of x; gives the new total.
	const added = graph.assign(total, graph.add(graph.read(total), graph.mean(x, [0])));
	const newTotal = graph.read(total, {name: 'new_total', after: [added]});
	writeSavedModel(dir, graph, init, {
		add: {inputs: {x: {tensor: x, shape: [-1, 2]}}, outputs: {total: {tensor: newTotal, shape: [2]}}},
		peek: {inputs: {}, outputs: {total: {tensor: graph.identity(graph.read(total)), shape: [2]}}},
	});

	const tf = await import('@tensorflow/tfjs-node');
	const [metaGraph] = await tf.node.getMetaGraphsFromSavedModel(dir);
	assert.deepEqual(metaGraph!.tags, [savedModelTag]);
	assert.deepEqual(Object.keys(metaGraph!.signatureDefs).sort(), ['add', 'peek']);
	const dims = metaGraph!.signatureDefs['add']!.inputs['x']!.shape as unknown as Array<{getSize(): number}>;
	assert.deepEqual(dims.map(dim => dim.getSize()), [-1, 2]);

	const add = await tf.node.loadSavedModel(dir, [savedModelTag], 'add');
	const peek = await tf.node.loadSavedModel(dir, [savedModelTag], 'peek');
	try {
		const read = (outputs: unknown) => Array.from((outputs as Record<string, import('@tensorflow/tfjs').Tensor>)['total']!.dataSync());
		assert.deepEqual(read(peek.predict({})), [1, 10]);
		assert.deepEqual(read(add.predict({x: tf.tensor2d([[2, 4], [4, 8]])})), [4, 16]);
		assert.deepEqual(read(add.predict({x: tf.tensor2d([[1, 1]])})), [5, 17]);
		assert.deepEqual(read(peek.predict({})), [5, 17], 'the other signature sees the same variable');
	} finally {
		add.dispose();
		peek.dispose();
	}
});

test('node names are unique', () => {
	const graph = new GraphBuilder();
	graph.placeholder('x', 'float', [1]);
	assert.throws(() => graph.placeholder('x', 'float', [1]), /already has a node named x/);
});
