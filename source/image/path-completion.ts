// Paths typed or picked on the Load image screen: `~` expansion, shell-like Tab completion
// and the file browser's listing. No Ink here: the screen only shows what these return.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {isImageFileName} from './files.js';

/** `~` and `~/…` name the home folder, as in the shell; anything else stays as typed. */
export function expandHome(typed: string, home = os.homedir()): string {
	return typed === '~' || typed.startsWith('~/') ? home + typed.slice(1) : typed;
}

/** A path as people write it: `~/…` inside the home folder, absolute otherwise. */
export function displayPath(file: string, home = os.homedir()): string {
	if (file === home) return '~';
	return file.startsWith(home + path.sep) ? `~${file.slice(home.length)}` : file;
}

/** The absolute path a typed text names, relative ones taken from `folder`. */
export function resolveTyped(typed: string, folder: string, home = os.homedir()): string {
	return path.resolve(folder, expandHome(typed.trim(), home));
}

/** Whether `file` is a folder (a link to one counts); a dirent, when at hand, saves a stat. */
export function isFolder(file: string, entry?: fs.Dirent): boolean {
	if (entry && !entry.isSymbolicLink()) return entry.isDirectory();
	try {
		return fs.statSync(file).isDirectory();
	} catch {
		return false;
	}
}

/** The names in a folder (folders with a trailing `/`), or none when it cannot be read. */
function namesIn(folder: string): string[] {
	try {
		return fs.readdirSync(folder, {withFileTypes: true}).map(entry => (isFolder(path.join(folder, entry.name), entry) ? `${entry.name}/` : entry.name));
	} catch {
		return [];
	}
}

function commonPrefix(names: readonly string[]): string {
	let prefix = names[0] ?? '';
	for (const name of names) while (!name.startsWith(prefix)) prefix = prefix.slice(0, -1);
	return prefix;
}

export type Completion = {
	/** The field's new text: the typed folder part kept as typed, the name completed as far as it is shared. */
	text: string;
	/** Every name that matched, sorted, folders with a trailing `/`. */
	matches: string[];
};

/**
 * Completes the last part of a typed path like a shell's Tab: one match is completed whole
 * (a folder gets its `/`), several are completed to their common prefix. Hidden names match
 * only when the typed part starts with a dot.
 */
export function completePath(typed: string, folder: string, home = os.homedir()): Completion {
	if (typed === '~') return {text: '~/', matches: ['~/']};
	const cut = typed.lastIndexOf('/') + 1;
	const typedFolder = typed.slice(0, cut);
	const start = typed.slice(cut);
	const matches = namesIn(path.resolve(folder, expandHome(typedFolder, home)))
		.filter(name => name.startsWith(start) && (start.startsWith('.') || !name.startsWith('.')) && name !== './' && name !== '../')
		.sort(byName);
	if (matches.length === 0) return {text: typed, matches};
	return {text: typedFolder + commonPrefix(matches), matches};
}

/** Natural order, so that 2.png comes before 10.png. */
function byName(a: string, b: string): number {
	return a.localeCompare(b, 'en', {numeric: true});
}

export type BrowserEntry = {name: string; kind: 'parent' | 'folder' | 'image'; path: string};

/**
 * What the file browser lists in a folder: `..` (except at the root), then its folders,
 * then its image files, each group in natural order; hidden entries are left out.
 * Throws the file system's error when the folder cannot be read.
 */
export function listFolder(folder: string): BrowserEntry[] {
	const entries = fs.readdirSync(folder, {withFileTypes: true}).filter(entry => !entry.name.startsWith('.'));
	const parent = path.dirname(folder);
	const folders: BrowserEntry[] = [];
	const images: BrowserEntry[] = [];
	for (const entry of entries) {
		const file = path.join(folder, entry.name);
		if (isFolder(file, entry)) folders.push({name: entry.name, kind: 'folder', path: file});
		else if (isImageFileName(entry.name)) images.push({name: entry.name, kind: 'image', path: file});
	}

	const sorted = (list: BrowserEntry[]) => list.sort((a, b) => byName(a.name, b.name));
	return [...(parent === folder ? [] : [{name: '..', kind: 'parent' as const, path: parent}]), ...sorted(folders), ...sorted(images)];
}

/** How messages name a file: relative to the folder on show when inside it, else as displayPath does. */
export function nameIn(folder: string, file: string, home = os.homedir()): string {
	const relative = path.relative(folder, file);
	return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : displayPath(file, home);
}
