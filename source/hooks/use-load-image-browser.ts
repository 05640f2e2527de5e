// The Load image screen's file list: a folder's entries (listFolder) or the recent files,
// and which one is selected. Going into a folder that cannot be read leaves the list as it
// was and says why in one sentence.
import path from 'node:path';
import {useCallback, useState} from 'react';
import {listFolder, nameIn, type BrowserEntry} from '../image/path-completion.js';
import type {LoadImageMessage} from './use-load-image.js';

type BrowserView = 'folder' | 'recent';

type BrowserState = {folder: string; entries: BrowserEntry[]; selected: number; view: BrowserView; recentSelected: number};

function listed(folder: string): BrowserEntry[] {
	try {
		return listFolder(folder);
	} catch {
		return [];
	}
}

export function useLoadImageBrowser(start: string, recentCount: number, onMessage: (message: LoadImageMessage | undefined) => void) {
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

	const move = useCallback(
		(by: number) =>
			setState(current => {
				const count = current.view === 'folder' ? current.entries.length : recentCount;
				if (count === 0) return current;
				const key = current.view === 'folder' ? 'selected' : 'recentSelected';
				return {...current, [key]: Math.min(count - 1, Math.max(0, current[key] + by))};
			}),
		[recentCount],
	);

	const parent = useCallback(() => {
		if (state.view === 'recent') setState(current => ({...current, view: 'folder'}));
		else if (path.dirname(state.folder) !== state.folder) go(path.dirname(state.folder), path.basename(state.folder));
	}, [state.view, state.folder, go]);

	const toggleRecent = useCallback(() => setState(current => ({...current, view: current.view === 'folder' ? 'recent' : 'folder', recentSelected: 0})), []);

	return {...state, go, move, parent, toggleRecent};
}
