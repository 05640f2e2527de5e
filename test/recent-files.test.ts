// The recent-files list of the Load image screen: newest first, no duplicates, capped, and
// a missing or damaged file reads as an empty list.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {readRecentFiles, RECENT_LIMIT, recentFilesPath, rememberRecentFile, withRecentFile} from '../source/image/recent-files.js';

let folder: string;
let store: string;

before(() => {
	folder = fs.mkdtempSync(path.join(os.tmpdir(), 'digits-recent-'));
	store = path.join(folder, 'digits', 'recent.json');
});

after(() => fs.rmSync(folder, {recursive: true, force: true}));

test('withRecentFile puts the file first, drops its older entry, and keeps at most the limit', () => {
	assert.deepEqual(withRecentFile(['/b.png', '/a.png', '/c.png'], '/a.png'), ['/a.png', '/b.png', '/c.png']);
	const full = Array.from({length: RECENT_LIMIT}, (_, i) => `/${i}.png`);
	const next = withRecentFile(full, '/new.png');
	assert.equal(next.length, RECENT_LIMIT);
	assert.equal(next[0], '/new.png');
	assert.ok(!next.includes(`/${RECENT_LIMIT - 1}.png`));
});

test('the list lives in the config folder (XDG_CONFIG_HOME/digits/recent.json)', () => {
	const saved = process.env['XDG_CONFIG_HOME'];
	process.env['XDG_CONFIG_HOME'] = folder;
	try {
		assert.equal(recentFilesPath(), path.join(folder, 'digits', 'recent.json'));
	} finally {
		if (saved === undefined) delete process.env['XDG_CONFIG_HOME'];
		else process.env['XDG_CONFIG_HOME'] = saved;
	}
});

test('a missing list is empty; remembering creates the folder and the file, newest first', () => {
	assert.deepEqual(readRecentFiles(store), []);
	rememberRecentFile('/one.png', store);
	rememberRecentFile('/two.png', store);
	assert.deepEqual(rememberRecentFile('/one.png', store), ['/one.png', '/two.png']);
	assert.deepEqual(readRecentFiles(store), ['/one.png', '/two.png']);
	assert.deepEqual(JSON.parse(fs.readFileSync(store, 'utf8')), {files: ['/one.png', '/two.png']});
	assert.deepEqual(fs.readdirSync(path.dirname(store)), ['recent.json']);
});

test('a damaged list reads as empty, keeps only strings, and is replaced by the next remember', () => {
	fs.writeFileSync(store, '{"files": ["/a.png", 3, null');
	assert.deepEqual(readRecentFiles(store), []);
	fs.writeFileSync(store, JSON.stringify({files: ['/a.png', 3, null, '/b.png']}));
	assert.deepEqual(readRecentFiles(store), ['/a.png', '/b.png']);
	fs.writeFileSync(store, '[1, 2]');
	assert.deepEqual(readRecentFiles(store), []);
	assert.deepEqual(rememberRecentFile('/c.png', store), ['/c.png']);
});

test('a config folder that cannot be written still returns the new list', () => {
	const blocked = path.join(folder, 'blocked');
	fs.writeFileSync(blocked, 'a file where a folder should be');
	assert.deepEqual(rememberRecentFile('/d.png', path.join(blocked, 'recent.json')), ['/d.png']);
});
