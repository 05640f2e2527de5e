// The Load image screen's file list and paths: a folder's entries (listFolder) or the recent
// files, which one is selected, and the paths of the folder on show: how they are shown and
// named, Tab completion, what a typed path is. Going into a folder that cannot be read
// leaves the list as it was and says why in one sentence.
import path from 'node:path';
import {useCallback, useState} from 'react';
import {displayPath, isFolder, listFolder, nameIn, resolveTyped, type BrowserEntry} from '../image/path-completion.js';
import type {LoadImageMessage} from './use-load-image.js';
import {usePathCompletion} from './use-path-completion.js';

type BrowserView = 'folder' | 'recent';

type BrowserState = {folder: string; entries: BrowserEntry[]; selected: number; view: BrowserView; recentSelected: number};

/** The list as the screen draws it: the state, the recent files, and both paths as shown (~ for home). */
export type BrowserList = BrowserState & {recent: readonly string[]; shownFolder: string; shownRecent: readonly string[]};

function listed(folder: string): BrowserEntry[] {
	try {
		return listFolder(folder);
	} catch {
		return [];
	}
}

export function useLoadImageBrowser(start: string, recent: readonly string[], onMessage: (message: LoadImageMessage | undefined) => void) {
	const [state, setState] = useState<BrowserState>(() => ({folder: start, entries: listed(start), selected: 0, view: 'folder', recentSelected: 0}));

	/** Shows `folder`, with the entry named `select` selected (the folder just left, going up). */
	const go = useCallback(
		(folder: string, select?: string) => {
			let entries: BrowserEntry[];
			try {
				entries = listFolder(folder);
			} catch (error) {
				const code = (error as NodeJS.ErrnoException).code;
				const reason = code === 'EACCES' ? 'permission denied' : code === 'ENOENT' ? 'it does not exist' : (error as Error).message;
				onMessage({text: `${nameIn(state.folder, folder)} cannot be opened (${reason}); pick another folder.`, tone: 'bad'});
				return;
			}
			onMessage(undefined);
			const selected = Math.max(0, entries.findIndex(entry => entry.name === select));
			setState(current => ({...current, folder, entries, selected, view: 'folder'}));
		},
		[state.folder, onMessage],
	);

	/** Moves the selection `by` entries, stopping at either end (±Infinity: to the first or the last). */
	const move = useCallback(
		(by: number) =>
			setState(current => {
				const count = current.view === 'folder' ? current.entries.length : recent.length;
				if (count === 0) return current;
				const key = current.view === 'folder' ? 'selected' : 'recentSelected';
				return {...current, [key]: Math.min(count - 1, Math.max(0, current[key] + by))};
			}),
		[recent.length],
	);

	const parent = useCallback(() => {
		if (state.view === 'recent') setState(current => ({...current, view: 'folder'}));
		else if (path.dirname(state.folder) !== state.folder) go(path.dirname(state.folder), path.basename(state.folder));
		// Every key gets an answer on the screen: the input gate holds the next key until one comes.
		else onMessage({text: `${displayPath(state.folder)} is the top folder; there is nothing above it.`, tone: 'muted'});
	}, [state.view, state.folder, go, onMessage]);

	const complete = usePathCompletion(state.folder);
	const toggleRecent = useCallback(() => setState(current => ({...current, view: current.view === 'folder' ? 'recent' : 'folder', recentSelected: 0})), []);

	const list: BrowserList = {...state, recent, shownFolder: displayPath(state.folder), shownRecent: recent.map(file => displayPath(file))};
	return {
		...list,
		go,
		move,
		parent,
		toggleRecent,
		/** How messages and the file line name `file`. */
		nameOf: (file: string) => nameIn(state.folder, file),
		complete,
		/** The file or folder a typed path names, relative ones taken from the folder on show. */
		resolve: (typed: string) => {
			const target = resolveTyped(typed, state.folder);
			return {path: target, folder: isFolder(target)};
		},
	};
}
