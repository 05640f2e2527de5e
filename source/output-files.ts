// Where the app writes files the user asked for (reports, predictions, sketches): folders
// are made one level at a time, and a failure is said in words. Node's own recursive mkdir
// spins forever where a folder exists but refuses a child with ENOENT, as /proc does.
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Makes `dir` and its missing parents; resolves with the topmost folder it made (undefined
 * when `dir` was there), so that a failed write can take it away again with `removeFolder`.
 * What it made before a failure it takes away itself.
 */
export async function makeFolder(dir: string): Promise<string | undefined> {
	const missing: string[] = [];
	let folder = path.resolve(dir);
	for (;;) {
		const stats = await fs.stat(folder).catch((error: NodeJS.ErrnoException) => {
			if (error.code === 'ENOENT') return undefined;
			throw error;
		});
		if (stats) {
			if (!stats.isDirectory()) throw Object.assign(new Error(`${folder} is not a folder`), {code: 'ENOTDIR'});
			break;
		}
		missing.unshift(folder);
		const parent = path.dirname(folder);
		if (parent === folder) break;
		folder = parent;
	}
	let made: string | undefined;
	try {
		for (const each of missing) {
			await fs.mkdir(each);
			made ??= each;
		}
	} catch (error) {
		await removeFolder(made);
		throw error;
	}
	return made;
}

/** Takes away a folder `makeFolder` made, with whatever was written into it; undefined: nothing to do. */
export async function removeFolder(made: string | undefined): Promise<void> {
	if (made !== undefined) await fs.rm(made, {recursive: true, force: true});
}

const reasons: Record<string, string> = {
	ENOENT: 'the folder does not exist or takes no new files',
	ENOTDIR: 'a part of the path is a file, not a folder',
	EISDIR: 'that is a folder',
	EACCES: 'permission denied',
	EPERM: 'permission denied',
	EROFS: 'the file system is read-only',
	ENOSPC: 'the disk is full',
	EDQUOT: 'the disk quota is used up',
	ENAMETOOLONG: 'the name is too long',
};

/**
 * Why a file could not be written, in words and with the system's code ("permission denied
 * (EACCES)"); undefined when the error is not the file system's (a bug to report as such).
 */
export function writeFailure(error: unknown): string | undefined {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	// The system's codes (EACCES), not node's own (ERR_INVALID_URL).
	if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return undefined;
	return `${reasons[code] ?? 'the system refused'} (${code})`;
}
