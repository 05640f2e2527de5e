// The Load image screen without rendering: its reducer (the path field, Tab's messages, a
// pick from the list), what Enter on the list opens, the path line and the list on show.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {BrowserList} from '../source/hooks/use-load-image-browser.js';
import {helpRows, keyName} from '../source/input/keymap.js';
import {fileList, pathText} from '../source/screens/load-image/load-image-layout.js';
import {chosenEntry, initialLoadImage, loadImageReducer, type LoadImageAction, type LoadImageState} from '../source/screens/load-image/load-image-state.js';

const run = (actions: LoadImageAction[], state: LoadImageState = initialLoadImage) => actions.reduce(loadImageReducer, state);

const recent = ['/home/ada/scans/7.png', '/data/archive/2026/handwriting/samples/3.png'];
const folder: BrowserList = {
	folder: '/home/ada/scans',
	entries: [
		{name: '..', kind: 'parent', path: '/home/ada'},
		{name: 'old', kind: 'folder', path: '/home/ada/scans/old'},
		{name: '7.png', kind: 'image', path: '/home/ada/scans/7.png'},
	],
	selected: 2,
	view: 'folder',
	recentSelected: 1,
	recent,
	shownFolder: '~/scans',
	shownRecent: ['~/scans/7.png', '/data/archive/2026/handwriting/samples/3.png'],
};
const recentView: BrowserList = {...folder, view: 'recent'};

describe('the reducer', () => {
	test('Tab (the type key) gives the field focus; typing, Backspace, Ctrl-U edit it; Esc leaves it with its text', () => {
		const typed = run([{type: 'edit'}, {type: 'editField', edit: {type: 'type', text: 'scans/7.pngg'}}, {type: 'editField', edit: {type: 'erase'}}]);
		assert.deepEqual(typed, {field: 'scans/7.png', editing: true, message: undefined});
		assert.deepEqual(loadImageReducer(typed, {type: 'leave'}), {field: 'scans/7.png', editing: false, message: undefined});
		assert.deepEqual(loadImageReducer(typed, {type: 'editField', edit: {type: 'clear'}}), {field: '', editing: true, message: undefined});
	});

	test('Tab in the field: one match is completed quietly, several are listed, none says why', () => {
		const start = run([{type: 'edit'}, {type: 'message', message: {text: 'earlier', tone: 'bad'}}, {type: 'editField', edit: {type: 'type', text: 'scans/d'}}]);
		assert.deepEqual(loadImageReducer(start, {type: 'completed', completion: {text: 'scans/digit.png', matches: ['digit.png']}}), {field: 'scans/digit.png', editing: true, message: undefined});
		assert.deepEqual(loadImageReducer(start, {type: 'completed', completion: {text: 'scans/d', matches: ['digit.png', 'draft/']}}).message, {text: '2 matches: digit.png  draft/', tone: 'muted'});
		assert.deepEqual(loadImageReducer(start, {type: 'completed', completion: {text: 'scans/d', matches: []}}).message, {text: 'no file or folder there starts with "d"', tone: 'muted'});
		const inFolder = run([{type: 'editField', edit: {type: 'type', text: 'empty/'}}]);
		assert.deepEqual(loadImageReducer(inFolder, {type: 'completed', completion: {text: 'empty/', matches: []}}).message, {text: 'no files or folders there', tone: 'muted'});
	});

	test('a file picked in the list clears the typed path; messages come and go', () => {
		const typed = run([{type: 'editField', edit: {type: 'type', text: 'photo.png'}}, {type: 'message', message: {text: 'photo.png is not an image', tone: 'bad'}}]);
		assert.equal(loadImageReducer(typed, {type: 'picked'}).field, '');
		assert.equal(loadImageReducer(typed, {type: 'message'}).message, undefined);
	});

	test('an old message goes when the field is opened again or typed in', () => {
		const said = run([{type: 'message', message: {text: 'photo.png is not an image', tone: 'bad'}}]);
		assert.equal(loadImageReducer(said, {type: 'edit'}).message, undefined);
		const editing = {...said, editing: true};
		for (const edit of [{type: 'type', text: 'x'}, {type: 'erase'}, {type: 'clear'}] as const) assert.equal(loadImageReducer(editing, {type: 'editField', edit}).message, undefined, edit.type);
	});
});

test('Enter on the list opens the selected entry, or the selected recent file as an image', () => {
	assert.deepEqual(chosenEntry(folder), {name: '7.png', kind: 'image', path: '/home/ada/scans/7.png'});
	assert.deepEqual(chosenEntry({...folder, selected: 0}), {name: '..', kind: 'parent', path: '/home/ada'});
	assert.deepEqual(chosenEntry(recentView), {kind: 'image', path: '/data/archive/2026/handwriting/samples/3.png'});
	assert.equal(chosenEntry({...recentView, recent: [], shownRecent: []}), undefined);
	assert.equal(chosenEntry({...folder, entries: []}), undefined);
});

test('PgUp/PgDn and Home/End move through the list, and the help says so', () => {
	assert.equal(keyName('', {home: true}), 'home');
	assert.equal(keyName('', {end: true}), 'end');
	const rows = helpRows('loadImage');
	assert.deepEqual(rows.find(row => row.keys === 'PgUp/PgDn'), {keys: 'PgUp/PgDn', help: 'a page up or down the list'});
	assert.deepEqual(rows.find(row => row.keys === 'Home/End'), {keys: 'Home/End', help: 'the first or the last entry of the list'});
});

describe('the layout', () => {
	test('the path line: the typed path, or how to start typing while the field has no focus', () => {
		assert.equal(pathText(initialLoadImage), 'Tab to type one');
		assert.equal(pathText({field: '', editing: true}), '');
		assert.equal(pathText({field: '~/scans/', editing: false}), '~/scans/');
		assert.equal(pathText({field: '~/scans/old/7.png', editing: true}, 12), '…s/old/7.png');
		assert.equal(pathText({field: '~/scans/old/7.png', editing: true}, 12, true), '...old/7.png');
	});

	test('a folder: its path as shown as the title, .. muted, folders with a slash, image files', () => {
		assert.deepEqual(fileList(folder, 32, false), {
			title: '~/scans/',
			items: [
				{label: '..', tone: 'muted'},
				{label: 'old/', tone: 'accent'},
				{label: '7.png', tone: 'plain'},
			],
			selected: 2,
			empty: 'no folders or image files here',
		});
		assert.equal(fileList({...folder, folder: '/', shownFolder: '/'}, 32, false).title, '/');
	});

	test('the recent files, cut from the front to the list\'s width less the marker', () => {
		assert.deepEqual(fileList(recentView, 32, false), {
			title: 'recent files',
			items: [
				{label: '~/scans/7.png', tone: 'plain'},
				{label: '…026/handwriting/samples/3.png', tone: 'plain'},
			],
			selected: 1,
			empty: 'no files opened yet',
		});
		assert.equal(fileList(recentView, 32, true).items[1]?.label, '...6/handwriting/samples/3.png');
		assert.deepEqual(fileList({...recentView, recent: [], shownRecent: []}, 32, false).items, []);
	});
});
