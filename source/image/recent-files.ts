// The image files opened lately, newest first, kept in the user's config folder so that the
// Load image screen can reopen them with one key. A missing or damaged list is an empty one:
// it is a convenience, never a reason to refuse to open an image.
import fs from 'node:fs';
import path from 'node:path';
import {configDir} from '../config-dir.js';

export const RECENT_LIMIT = 10;

export function recentFilesPath(): string {
	return path.join(configDir(), 'recent.json');
}

/** The list as stored: `{"files": [absolute paths, newest first]}`; anything else reads as empty. */
export function readRecentFiles(store = recentFilesPath()): string[] {
	try {
		const {files} = JSON.parse(fs.readFileSync(store, 'utf8')) as {files?: unknown};
		return Array.isArray(files) ? files.filter((file): file is string => typeof file === 'string').slice(0, RECENT_LIMIT) : [];
	} catch {
		return [];
	}
}

/** `file` moved to the front, without duplicates, at most RECENT_LIMIT long. */
export function withRecentFile(files: readonly string[], file: string): string[] {
	return [file, ...files.filter(other => other !== file)].slice(0, RECENT_LIMIT);
}

/**
 * Puts `file` first in the stored list and returns the new list. Written to a temporary file
 * and renamed, so two apps at once never leave half a list; a folder that cannot be written
 * only means the list is not kept.
 */
export function rememberRecentFile(file: string, store = recentFilesPath()): string[] {
	const files = withRecentFile(readRecentFiles(store), file);
	try {
		fs.mkdirSync(path.dirname(store), {recursive: true});
		const temporary = `${store}.${process.pid}.tmp`;
		fs.writeFileSync(temporary, JSON.stringify({files}, null, '\t') + '\n');
		fs.renameSync(temporary, store);
	} catch {
		// Read-only config folder: the image still opens.
	}

	return files;
}
