// Where the Load image screen's parts go for a window size, and what its path line and its
// list say. Pure, so it is tested without Ink.
import type {ListItem} from '../../components/LoadImageList.js';
import type {BrowserList} from '../../hooks/use-load-image-browser.js';
import type {BrowserEntry} from '../../image/path-completion.js';
import {keepEnd} from '../../render/load-image.js';
import {readingPanel} from '../../sketch/layout.js';
import type {LoadImageState} from './load-image-state.js';

export type LoadImageLayout = {
	/** The left column: the picture (on one digit), what the file is, the file list. */
	leftWidth: number;
	/** The picture's width: the left column's on one digit, the whole window's on a number (a wide, short picture). */
	previewWidth: number;
	previewRows: number;
	listRows: number;
	/** The reading on the right (SketchReading's width and size of the model's view). */
	panelWidth: number;
	fullSeen: boolean;
};

const MARGIN = 1;
const GAP = 2;
const FIELD_ROWS = 1;
export const MESSAGE_ROWS = 2;
const INFO_ROWS = 2;
export const LIST_TITLE_ROWS = 1;
const LEFT_MIN = 33;

/**
 * The layout for a screen area of `columns` × `height` (the status line not included). A
 * number's picture spans the window above the list and the reading; one digit's sits in the
 * left column beside its reading.
 */
export function loadImageLayout(columns: number, height: number, view: 'digit' | 'number' = 'digit'): LoadImageLayout {
	const bodyRows = Math.max(readingPanel.small.rows, height - FIELD_ROWS - MESSAGE_ROWS);
	const fullSeen = bodyRows >= readingPanel.large.rows && columns >= MARGIN + LEFT_MIN + GAP + readingPanel.large.width;
	const panelWidth = fullSeen ? readingPanel.large.width : readingPanel.small.width;
	const leftWidth = Math.max(LEFT_MIN, columns - MARGIN - GAP - panelWidth);
	const previewRows = Math.min(20, Math.max(4, Math.floor((bodyRows - INFO_ROWS - LIST_TITLE_ROWS) / 2)));
	const previewWidth = view === 'number' ? columns - 2 * MARGIN : leftWidth - 1;
	return {leftWidth, previewWidth, previewRows, listRows: bodyRows - previewRows - INFO_ROWS - LIST_TITLE_ROWS, panelWidth, fullSeen};
}

/** The path line's start, before what was typed: the screen's title, then the field's name. */
export const PATH_LABEL = {title: 'Load image ', field: 'path: '};

/** The path line after "path: ": what was typed (its end, when longer than `room`), or how to start typing. */
export function pathText(state: LoadImageState, room = Infinity, ascii = false): string {
	return state.field === '' && !state.editing ? 'Tab to type one' : keepEnd(state.field, room, ascii);
}

export type FileList = {title: string; items: ListItem[]; selected: number; empty: string};

const entryItem = (entry: BrowserEntry): ListItem =>
	entry.kind === 'parent' ? {label: '..', tone: 'muted'} : entry.kind === 'folder' ? {label: `${entry.name}/`, tone: 'accent'} : {label: entry.name, tone: 'plain'};

/** The list on show, `width` wide: the folder's entries, or the recent files cut from the front to keep their names. */
export function fileList(list: BrowserList, width: number, ascii: boolean): FileList {
	if (list.view === 'recent') {
		// Two columns go to the selection marker.
		const items = list.shownRecent.map(file => ({label: keepEnd(file, width - 2, ascii), tone: 'plain' as const}));
		return {title: 'recent files', items, selected: list.recentSelected, empty: 'no files opened yet'};
	}
	const title = `${list.shownFolder}${list.folder.endsWith('/') ? '' : '/'}`;
	return {title, items: list.entries.map(entryItem), selected: list.selected, empty: 'no folders or image files here'};
}
