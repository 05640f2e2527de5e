/* @jsxRuntime automatic */
// (tsx compiles test files with the classic JSX runtime unless told: they are outside tsconfig's include.)
// The Load image screen through ink-testing-library with a fake model, on a temporary folder
// holding an MNIST test digit as a PNG, a zip and a text file named .png, and a subfolder:
// the file list, Tab completion in the path field, a good file, bad files, recent files.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {stripVTControlCharacters} from 'node:util';
import {after, afterEach, before, describe, mock, test} from 'node:test';
import {Profiler} from 'react';
import {cleanup} from 'ink-testing-library';
import {loadMnist} from '../source/data/mnist.js';
import {writeGrayPng} from '../source/image/load.js';
import {LoadImageScreen} from '../source/screens/load-image/LoadImageScreen.js';
import {loadImageLayout} from '../source/screens/load-image/load-image-layout.js';
import {fileSize, imageSummary, keepEnd, keepEnds, listWindow, previewSize} from '../source/render/load-image.js';
import {digitInk} from './digit-fixtures.js';
import {fakeModelService} from './fake-model-service.js';
import {openScreen} from './sketch-harness.js';
import {keys} from './tui-helpers.js';

const tab = '\t';
let root: string;
let label: number;
const saved = {home: process.env['HOME'], config: process.env['XDG_CONFIG_HOME']};

/** Reads every image as the test digit's label with 93% (the model itself is tested elsewhere). */
function labelService() {
	const predicted: Float32Array[] = [];
	const service = fakeModelService({
		predict: async images => {
			predicted.push(images);
			const probabilities = new Float32Array(10).fill(0.07 / 9);
			probabilities[label] = 0.93;
			return probabilities;
		},
	});
	return Object.assign(service, {predicted});
}

function openLoadImage(service = labelService(), directory = root, size: {columns?: number; rows?: number; ascii?: boolean} = {}) {
	return {...openScreen(service, room => <LoadImageScreen {...room} directory={directory} />, size), service};
}

/** The marked (selected) entry of the file list, in the left column (the bars' winner is marked too). */
const selectedEntry = (frame: string) => /› (\S+)/.exec(frame.split('\n').map(line => line.slice(0, 34)).join('\n'))?.[1];

before(async () => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'digits-load-'));
	// Recent files go to this config folder, and ~ is this folder.
	process.env['HOME'] = root;
	process.env['XDG_CONFIG_HOME'] = path.join(root, '.config');
	fs.mkdirSync(path.join(root, 'scans'));
	fs.mkdirSync(path.join(root, 'scans', 'old'));
	fs.mkdirSync(path.join(root, 'thumbnails'));
	for (let i = 1; i <= 30; i++) fs.writeFileSync(path.join(root, 'thumbnails', `${i}.png`), '');
	const test = await loadMnist('test', {limit: 1});
	label = test.labels[0]!;
	const digit = Float32Array.from(test.images.subarray(0, 784), value => value / 255);
	// Dark ink on white paper at 112×112, as a scan would be.
	const ink = digitInk(digit, 112);
	await writeGrayPng(path.join(root, 'scans', 'digit.png'), {width: 112, height: 112, data: ink.map(value => 1 - Math.min(1, value))});
	fs.writeFileSync(path.join(root, 'photo.png'), Buffer.concat([Buffer.from('504b030414000000080000000000', 'hex'), Buffer.alloc(64)]));
	fs.writeFileSync(path.join(root, 'notes.png'), 'shopping list: milk, eggs\n');
	fs.writeFileSync(path.join(root, 'readme.txt'), 'not an image name');
	await writeGrayPng(path.join(root, 'blank.png'), {width: 40, height: 40, data: new Float32Array(1600).fill(1)});
});

after(() => {
	for (const [name, value] of [['HOME', saved.home], ['XDG_CONFIG_HOME', saved.config]] as const) {
		if (value === undefined) delete process.env[name];
		else process.env[name] = value;
	}
	fs.rmSync(root, {recursive: true, force: true});
});

afterEach(() => cleanup());

describe('the file list', () => {
	test('lists .., folders, then image files; Enter goes into a folder, Backspace goes up to where it was', async () => {
		const {frame, press} = openLoadImage();
		const first = await frame(text => text.includes('scans/') && text.includes('pick an image'));
		const lines = first.split('\n');
		const row = (name: string) => lines.findIndex(line => line.includes(` ${name}`));
		assert.ok(row('..') < row('scans/') && row('scans/') < row('blank.png') && row('blank.png') < row('notes.png') && row('notes.png') < row('photo.png'), first);
		assert.ok(!first.includes('readme.txt'), 'only image files and folders are listed');
		assert.equal(selectedEntry(first), '..');
		await press('j');
		await frame(text => selectedEntry(text) === 'scans/');
		await press(keys.enter);
		const inside = await frame(text => text.includes('~/scans/') && text.includes('digit.png'));
		assert.ok(inside.includes('old/'));
		assert.ok(!inside.includes('photo.png'));
		await press(keys.backspace);
		const back = await frame(text => text.includes('photo.png'));
		assert.equal(selectedEntry(back), 'scans/');
		// .. goes up too.
		await press(keys.enter);
		await frame(text => text.includes('digit.png') && selectedEntry(text) === '..');
		await press(keys.enter);
		await frame(text => text.includes('photo.png') && selectedEntry(text) === 'scans/');
	});

	test('Enter on an image file reads it: the picture, its name, format and size, the model view, the digit and the bars', async () => {
		const {frame, press, service} = openLoadImage();
		await frame(text => text.includes('scans/'));
		await press('j', keys.enter);
		await frame(text => text.includes('digit.png'));
		await press('j', 'j', keys.enter);
		const read = await frame(text => text.includes(`reads ${label}`));
		assert.match(read, /93\.0% sure/);
		assert.match(read, new RegExp(`› ${label} █+`));
		// Named relative to the folder on show.
		assert.equal(read.split('\n')[9], ' digit.png');
		const size = fs.statSync(path.join(root, 'scans', 'digit.png')).size;
		assert.match(read, new RegExp(`PNG · 112×112 · ${size < 1024 ? `${size} B` : `${(size / 1024).toFixed(1)} KB`}`));
		assert.equal(service.predicted.length, 1);
		assert.equal(service.predicted[0]!.length, 784);
		// The picture, shrunk to 16×16 pixels (8 rows), and the model's view both have ink in them.
		const blocks = (text: string) => text.replaceAll(/[^▀▄█]/g, '').length;
		const lines = read.split('\n');
		const picture = lines.slice(1, 9).map(line => line.slice(1, 33)).join('\n');
		assert.ok(blocks(picture) > 20, picture);
		const seen = lines.slice(2, 9).map(line => line.slice(36, 50)).join('\n');
		assert.ok(blocks(seen) > 5, seen);
	});
});

describe('every key is answered at once', () => {
	/** The screen with a count of its commits: the input gate holds each next key until the screen has drawn (or 150 ms). */
	function countingCommits(directory: string) {
		const commits = {count: 0};
		const opened = openScreen(labelService(), room => (
			<Profiler id="load-image" onRender={() => commits.count++}>
				<LoadImageScreen {...room} directory={directory} />
			</Profiler>
		));
		return {...opened, commits};
	}

	test('Backspace at the top folder reads no folder, says it is the top, and draws for each press', async () => {
		const {frame, press, commits} = countingCommits('/');
		await frame(text => text.includes('pick an image'));
		const reads = mock.method(fs, 'readdirSync');
		const before = commits.count;
		await press(keys.backspace);
		await frame(text => text.includes('/ is the top folder; there is nothing above it.'));
		await press(...Array<string>(4).fill(keys.backspace));
		await frame(() => commits.count >= before + 5);
		assert.equal(reads.mock.callCount(), 0);
		reads.mock.restore();
	});

	test('Backspace in the empty path field reads no folder and draws for each press', async () => {
		const {frame, press, commits} = countingCommits(root);
		await frame(text => text.includes('scans/'));
		await press(tab);
		await frame(text => !text.includes('Tab to type one'));
		const reads = mock.method(fs, 'readdirSync');
		const before = commits.count;
		await press(...Array<string>(5).fill(keys.backspace));
		await frame(() => commits.count >= before + 5);
		assert.equal(reads.mock.callCount(), 0);
		reads.mock.restore();
	});

	test('going up reads the folder above once per press', async () => {
		const {frame, press} = openLoadImage(labelService(), path.join(root, 'scans', 'old'));
		await frame(text => text.includes('~/scans/old/'));
		const reads = mock.method(fs, 'readdirSync');
		await press(keys.backspace);
		await frame(text => text.includes('digit.png'));
		assert.equal(reads.mock.callCount(), 1);
		reads.mock.restore();
	});
});

describe('the path field', () => {
	test('Tab completes folders and files, ~ is the home folder, several matches are listed; Enter reads the file', async () => {
		const {frame, press} = openLoadImage(labelService(), path.join(root, 'scans'));
		await frame(text => text.includes('digit.png'));
		await press(tab);
		await frame(text => !text.includes('Tab to type one'));
		await press('~/s', tab);
		await frame(text => text.includes('path: ~/scans/'));
		await press(tab);
		await frame(text => text.includes('2 matches: digit.png  old/'));
		await press('d', tab);
		await frame(text => text.includes('path: ~/scans/digit.png'));
		await press(keys.enter);
		const read = await frame(text => text.includes(`reads ${label}`));
		// Relative to the folder on show, the file is named by its name alone.
		assert.match(read, /^ {1,}digit\.png/m);
	});

	test('printable keys go to the field (q and ? too); Esc leaves it, a second Esc goes back', async () => {
		const {frame, press} = openLoadImage();
		await frame(text => text.includes('scans/'));
		await press('o', 'q', '?', 'j');
		await frame(text => text.includes('path: q?j'));
		await press(keys.backspace, keys.ctrlU, 'sc', tab);
		await frame(text => text.includes('path: scans/'));
		await press(keys.enter);
		// A folder typed into the field opens in the list.
		await frame(text => text.includes('~/scans/') && text.includes('digit.png'));
		await press(tab, keys.escape);
		await frame(text => text.includes('digit.png'));
		await press('j');
		await frame(text => selectedEntry(text) === 'old/');
		await press(keys.escape);
		await frame(text => text.includes('home'));
	});
});

describe('bad files', () => {
	test('each error is one sentence on the screen, and the screen goes on working', async () => {
		const {frame, press} = openLoadImage();
		await frame(text => text.includes('photo.png'));
		await press(tab, 'photo.png', keys.enter);
		await frame(text => text.replaceAll(/\n */g, ' ').includes('photo.png is not an image (it is a zip archive); give a PNG, JPEG, BMP, GIF or TIFF file.'));
		await press(tab, keys.ctrlU, 'notes.png', keys.enter);
		await frame(text => text.replaceAll(/\n */g, ' ').includes('notes.png is not an image (it is a text file);'));
		await press(tab, keys.ctrlU, 'missing.png', keys.enter);
		await frame(text => text.includes('missing.png does not exist; check the path.'));
		await press(tab, keys.ctrlU, 'blank.png', keys.enter);
		const blank = await frame(text => text.includes('blank.png has no digit in it'));
		assert.match(blank, /cannot predict:/);
		assert.match(blank, /PNG · 40×40/);
		// Still usable: the list moves and a good file reads.
		await press(tab, keys.ctrlU, 'scans/digit.png', keys.enter);
		const read = await frame(text => text.includes(`reads ${label}`));
		assert.ok(!read.includes('blank.png has no digit'), 'a good file clears the last error');
	});
});

describe('recent files', () => {
	test('files read are kept newest first in the config folder, and r lists them to reopen', async () => {
		const store = path.join(root, '.config', 'digits', 'recent.json');
		fs.mkdirSync(path.dirname(store), {recursive: true});
		fs.writeFileSync(store, 'not json at all');
		const {frame, press} = openLoadImage();
		await frame(text => text.includes('scans/'));
		await press('r');
		await frame(text => text.includes('recent files') && text.includes('no files opened yet'));
		await press('r', tab, 'blank.png', keys.enter);
		await frame(text => text.includes('blank.png has no digit'));
		await press(tab, keys.ctrlU, 'scans/digit.png', keys.enter);
		await frame(text => text.includes(`reads ${label}`));
		await press(tab, keys.ctrlU, 'photo.png', keys.enter);
		await frame(text => text.includes('photo.png is not an image'));
		assert.deepEqual(JSON.parse(fs.readFileSync(store, 'utf8')), {files: [path.join(root, 'scans', 'digit.png'), path.join(root, 'blank.png')]});
		await press('r');
		const recent = await frame(text => text.includes('recent files'));
		assert.equal(selectedEntry(recent), '~/scans/digit.png');
		await press('j', keys.enter);
		// A file picked in the list replaces the typed path.
		await frame(text => text.includes('blank.png has no digit') && text.includes('Tab to type one'));
		// Backspace leaves the recent files for the folder.
		await press(keys.backspace);
		await frame(text => text.includes('photo.png') && !text.includes('recent files'));
	});
});

describe('layout', () => {
	test('at 80×24 everything fits: the list gets 8 rows, the picture 8, the model view is halved', () => {
		assert.deepEqual(loadImageLayout(80, 22), {leftWidth: 33, previewWidth: 32, previewRows: 8, listRows: 8, panelWidth: 44, fullSeen: false});
		assert.deepEqual(loadImageLayout(120, 38), {leftWidth: 61, previewWidth: 60, previewRows: 16, listRows: 16, panelWidth: 56, fullSeen: true});
		// A number's wide picture spans the window; the rest stays where it was.
		assert.deepEqual(loadImageLayout(80, 22, 'number'), {...loadImageLayout(80, 22), previewWidth: 78});
	});

	test('pictures shrink into the cells keeping their shape, never grow, and take whole cells', () => {
		assert.deepEqual(previewSize(112, 112, 32, 8), {width: 16, height: 16});
		assert.deepEqual(previewSize(400, 100, 32, 8), {width: 32, height: 8});
		assert.deepEqual(previewSize(28, 28, 60, 16), {width: 28, height: 28});
		assert.deepEqual(previewSize(9, 7, 60, 16), {width: 9, height: 8});
	});

	test('file sizes and the summary line', () => {
		assert.equal(fileSize(812), '812 B');
		assert.equal(fileSize(4200), '4.1 KB');
		assert.equal(fileSize(3_500_000), '3.3 MB');
		assert.equal(imageSummary({format: 'PNG', sourceWidth: 280, sourceHeight: 140, bytes: 4200}), 'PNG · 280×140 · 4.1 KB');
		assert.equal(imageSummary({format: 'JPG', sourceWidth: 280, sourceHeight: 140, bytes: 812}, true), 'JPG - 280x140 - 812 B');
	});

	test('long paths in the recent files keep their end', () => {
		assert.equal(keepEnd('~/scans/7.png', 13), '~/scans/7.png');
		assert.equal(keepEnd('/data/scans/2026/7.png', 12), '…/2026/7.png');
		assert.equal(keepEnd('/data/scans/2026/7.png', 12, true), '...026/7.png');
	});

	test('long names keep their start and their ending', () => {
		assert.equal(keepEnds('digit.png', 9), 'digit.png');
		assert.equal(keepEnds('handwritten-seven-scan.png', 16), 'handwrit…can.png');
		assert.equal(keepEnds('handwritten-seven-scan.png', 16, true), 'handwri...an.png');
	});

	test('a long list keeps the selected entry near the middle', () => {
		assert.equal(listWindow(0, 30, 8), 0);
		assert.equal(listWindow(10, 30, 8), 6);
		assert.equal(listWindow(29, 30, 8), 22);
		assert.equal(listWindow(3, 5, 8), 0);
	});

	test('the screen stays within 80×22, and a long folder scrolls with its place shown', async () => {
		const {frame, press} = openLoadImage(labelService(), path.join(root, 'thumbnails'));
		const first = await frame(text => text.includes('1.png'));
		const lines = first.split('\n');
		assert.ok(lines.length <= 22, `${lines.length} rows`);
		assert.ok(lines.every(line => line.length <= 80), first);
		assert.match(first, /~\/thumbnails\/ 1\/31/);
		await press(...'jjjjjjjjjjjjjjjjjjjj');
		const scrolled = await frame(text => text.includes('21/31'));
		assert.equal(selectedEntry(scrolled), '20.png');
		assert.ok(!scrolled.includes(' 2.png'), 'the top of the list has scrolled away');
	});

	test('PgDn and PgUp move a page (the list\'s rows), End and Home to the last and the first entry', async () => {
		const {frame, press} = openLoadImage(labelService(), path.join(root, 'thumbnails'));
		await frame(text => text.includes('1.png'));
		await press(keys.pageDown);
		await frame(text => text.includes('9/31') && selectedEntry(text) === '8.png');
		await press(keys.pageDown, keys.pageDown, keys.pageDown);
		await frame(text => text.includes('31/31') && selectedEntry(text) === '30.png');
		await press(keys.pageUp);
		await frame(text => text.includes('23/31') && selectedEntry(text) === '22.png');
		await press(keys.home);
		await frame(text => text.includes('1/31') && selectedEntry(text) === '..');
		await press(keys.end);
		await frame(text => text.includes('31/31') && selectedEntry(text) === '30.png');
	});

	test('an old error goes when the list moves, an entry opens or the field opens', async () => {
		const error = 'photo.png is not an image';
		const {frame, press} = openLoadImage();
		await frame(text => text.includes('photo.png'));
		const said = async () => {
			await press(tab, keys.ctrlU, '~/photo.png', keys.enter);
			await frame(text => text.replaceAll(/\n */g, ' ').includes(error));
		};
		await said();
		await press('j');
		await frame(text => !text.includes(error) && selectedEntry(text) === 'scans/');
		await said();
		await press(keys.enter);
		await frame(text => !text.includes(error) && text.includes('digit.png'));
		await said();
		await press(tab);
		await frame(text => !text.includes(error));
	});

	test('long paths and names are shortened by design at 80 columns, with "..." and no "…" in ASCII', async () => {
		const deep = path.join(root, 'a-rather-long-folder-name', 'another-quite-long-folder-name', 'and-one-more-level');
		fs.mkdirSync(deep, {recursive: true});
		const name = 'some-long-file-name-for-a-digit-picture.png';
		fs.writeFileSync(path.join(deep, name), '');
		const {frame, press} = openLoadImage(labelService(), deep, {ascii: true});
		const list = await frame(text => text.includes('ture.png'));
		assert.match(list, /^ \.\.\.[-a-z/]+\/and-one-more-level\/ /m, 'the folder keeps its end');
		assert.match(list, /^ {3}some-long-file-name\.\.\.ture\.png /m, 'the name keeps its start and its ending');
		await press(tab, `${deep}/some-long-file`);
		const typed = await frame(text => text.includes('/some-long-file'));
		assert.match(stripVTControlCharacters(typed.split('\n')[0]!), /^ Load image path: \.\.\.[-a-z/]+\/and-one-more-level\/some-long-file ?$/);
		assert.ok(!typed.includes('…'), typed);
		fs.rmSync(path.join(root, 'a-rather-long-folder-name'), {recursive: true, force: true});
	});

	test('a message longer than its two rows ends after a whole word with an ellipsis, not in the middle', async () => {
		const {frame, press} = openLoadImage();
		await frame(text => text.includes('photo.png'));
		await press(tab, `${'many words '.repeat(20)}digit.png`, keys.enter);
		// The path field shows the same words at once: wait for the message's own rows.
		const messageRows = (text: string) => text.split('\n').filter(line => line.startsWith(' many words'));
		const said = await frame(text => messageRows(text).length > 0);
		const rows = messageRows(said);
		assert.equal(rows.length, 2, said);
		assert.ok(rows.every(row => row.length <= 80), said);
		assert.match(rows[1]!, / (many|words)…$/);
	});

	test('a bigger window shows the model view at full size and a bigger picture', async () => {
		const {frame, press} = openLoadImage(labelService(), path.join(root, 'scans'), {columns: 120, rows: 40});
		await frame(text => text.includes('digit.png'));
		await press('j', 'j', keys.enter);
		const read = await frame(text => text.includes(`reads ${label}`));
		const lines = read.split('\n');
		assert.ok(lines.length <= 38, `${lines.length} rows`);
		const blocks = (text: string) => text.replaceAll(/[^▀▄█]/g, '').length;
		// The picture is 32×32 pixels now: 16 rows, and ink (white paper is blocks at level 0) across all of them.
		assert.ok(lines.slice(1, 17).every(line => blocks(line.slice(0, 40)) > 0), read);
		assert.ok(blocks(lines.slice(2, 16).map(line => line.slice(64, 92)).join('')) > 20, read);
	});
});
