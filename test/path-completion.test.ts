// Tab completion and the file browser's listing for the Load image screen, on a temporary
// folder tree: no Ink.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {completePath, displayPath, expandHome, listFolder, nameIn, resolveTyped} from '../source/image/path-completion.js';

let root: string;
const home = '/home/ada';

before(() => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'digits-paths-'));
	for (const folder of ['scans', 'screenshots', 'photos', '.cache', 'scans/old']) fs.mkdirSync(path.join(root, folder));
	for (const file of ['seven.png', 'seven.jpg', 'six.PNG', 'notes.txt', '10.png', '2.png', '.hidden.png', 'scans/a.png']) fs.writeFileSync(path.join(root, file), 'x');
	fs.symlinkSync(path.join(root, 'photos'), path.join(root, 'linked'));
});

after(() => fs.rmSync(root, {recursive: true, force: true}));

describe('home folder', () => {
	test('~ and ~/… expand, ~name and other text stay as typed', () => {
		assert.equal(expandHome('~', home), home);
		assert.equal(expandHome('~/digits/7.png', home), `${home}/digits/7.png`);
		assert.equal(expandHome('~bob/7.png', home), '~bob/7.png');
		assert.equal(expandHome('a~/7.png', home), 'a~/7.png');
	});

	test('paths inside the home folder are shown with ~', () => {
		assert.equal(displayPath(`${home}/digits/7.png`, home), '~/digits/7.png');
		assert.equal(displayPath(home, home), '~');
		assert.equal(displayPath('/home/adam/7.png', home), '/home/adam/7.png');
	});

	test('messages name a file relative to the folder on show, else with ~', () => {
		assert.equal(nameIn('/data', '/data/scans/a.png', home), 'scans/a.png');
		assert.equal(nameIn('/data', '/database/a.png', home), '/database/a.png');
		assert.equal(nameIn('/data', `${home}/a.png`, home), '~/a.png');
		assert.equal(nameIn('/data', '/data', home), '/data');
	});

	test('typed paths resolve against the browser folder, ~ against home', () => {
		assert.equal(resolveTyped(' scans/a.png ', '/data', home), '/data/scans/a.png');
		assert.equal(resolveTyped('~/7.png', '/data', home), `${home}/7.png`);
		assert.equal(resolveTyped('/tmp/7.png', '/data', home), '/tmp/7.png');
	});
});

describe('completePath', () => {
	test('one match is completed whole; a folder gets a trailing /', () => {
		assert.deepEqual(completePath('ph', root, home), {text: 'photos/', matches: ['photos/']});
		assert.deepEqual(completePath('sc', root, home).text, 'sc');
		assert.deepEqual(completePath('scr', root, home), {text: 'screenshots/', matches: ['screenshots/']});
		assert.deepEqual(completePath('not', root, home), {text: 'notes.txt', matches: ['notes.txt']});
	});

	test('several matches complete to their common prefix and are all listed, sorted', () => {
		assert.deepEqual(completePath('s', root, home), {text: 's', matches: ['scans/', 'screenshots/', 'seven.jpg', 'seven.png', 'six.PNG']});
		assert.deepEqual(completePath('se', root, home), {text: 'seven.', matches: ['seven.jpg', 'seven.png']});
	});

	test('the typed folder part is kept as typed, ~ included, and listed where it points', () => {
		assert.deepEqual(completePath('scans/', root, home), {text: 'scans/', matches: ['a.png', 'old/']});
		assert.deepEqual(completePath('scans/o', root, home), {text: 'scans/old/', matches: ['old/']});
		assert.deepEqual(completePath('~/sca', '/', root), {text: '~/scans/', matches: ['scans/']});
		assert.deepEqual(completePath(`${root}/scans/a`, '/', home), {text: `${root}/scans/a.png`, matches: ['a.png']});
		assert.deepEqual(completePath('~', root, home), {text: '~/', matches: ['~/']});
	});

	test('a symbolic link to a folder completes as a folder', () => {
		assert.deepEqual(completePath('li', root, home), {text: 'linked/', matches: ['linked/']});
	});

	test('hidden names only when the typed part starts with a dot', () => {
		assert.ok(completePath('', root, home).matches.every(name => !name.startsWith('.')));
		assert.deepEqual(completePath('.', root, home), {text: '.', matches: ['.cache/', '.hidden.png']});
		assert.deepEqual(completePath('.h', root, home), {text: '.hidden.png', matches: ['.hidden.png']});
	});

	test('no match, or a folder that does not exist, leaves the text as it is', () => {
		assert.deepEqual(completePath('zebra', root, home), {text: 'zebra', matches: []});
		assert.deepEqual(completePath('missing/x', root, home), {text: 'missing/x', matches: []});
	});
});

describe('listFolder', () => {
	test('.. first, then folders, then image files, in natural order; hidden and other files left out', () => {
		const entries = listFolder(root);
		assert.deepEqual(
			entries.map(entry => `${entry.kind}:${entry.name}`),
			['parent:..', 'folder:linked', 'folder:photos', 'folder:scans', 'folder:screenshots', 'image:2.png', 'image:10.png', 'image:seven.jpg', 'image:seven.png', 'image:six.PNG'],
		);
		assert.equal(entries[0]!.path, path.dirname(root));
		assert.equal(entries.find(entry => entry.name === 'scans')!.path, path.join(root, 'scans'));
	});

	test('the root has no ..', () => {
		assert.notEqual(listFolder('/')[0]?.kind, 'parent');
	});

	test('a folder that cannot be read throws', () => {
		assert.throws(() => listFolder(path.join(root, 'missing')), /ENOENT/);
	});
});
