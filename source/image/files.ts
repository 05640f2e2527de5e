// Which image files a command-line argument names: a file, a folder (its image files) or a
// glob the shell did not expand because it was quoted (`*`, `?`, `[...]`, `**`).
import fs from 'node:fs';
import path from 'node:path';
import {formatNames, imageExtensions} from './formats.js';


/** Whether a file name has the extension of a format this program reads. */
export function isImageFileName(name: string): boolean {
	return imageExtensions.has(path.extname(name).toLowerCase());
}

/** Whether a path segment holds unescaped glob syntax. */
export function hasGlobSyntax(text: string): boolean {
	return /(^|[^\\])[*?[]/.test(text);
}

/**
 * One path segment of a glob as a regular expression: `*` any run of characters, `?` one,
 * `[abc]`, `[a-z]`, `[!abc]` or `[^abc]` one of (or none of) a set, `\x` a literal x.
 * As in the shell, a leading dot must be matched by a literal dot.
 */
export function segmentToRegExp(segment: string): RegExp {
	let source = '';
	for (let i = 0; i < segment.length; i++) {
		const char = segment[i]!;
		if (char === '\\' && i + 1 < segment.length) source += escape(segment[++i]!);
		else if (char === '*') source += '[^/]*';
		else if (char === '?') source += '[^/]';
		else if (char === '[') {
			const close = segment.indexOf(']', i + 2);
			if (close < 0) {
				source += '\\[';
				continue;
			}

			let set = segment.slice(i + 1, close);
			const negated = set.startsWith('!') || set.startsWith('^');
			if (negated) set = set.slice(1);
			source += `[${negated ? '^' : ''}${set.replaceAll('\\', '\\\\').replaceAll(']', '\\]').replaceAll('^', '\\^')}]`;
			i = close;
		} else source += escape(char);
	}

	const hiddenOk = segment.startsWith('.');
	return new RegExp(`^${hiddenOk ? '' : '(?!\\.)'}${source}$`);
}

const escape = (char: string) => char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function entries(dir: string): fs.Dirent[] {
	try {
		return fs.readdirSync(dir, {withFileTypes: true});
	} catch {
		return [];
	}
}

function isDirectory(file: string, entry?: fs.Dirent): boolean {
	if (entry && !entry.isSymbolicLink()) return entry.isDirectory();
	try {
		return fs.statSync(file).isDirectory();
	} catch {
		return false;
	}
}

function isFile(file: string, entry?: fs.Dirent): boolean {
	if (entry && !entry.isSymbolicLink()) return entry.isFile();
	try {
		return fs.statSync(file).isFile();
	} catch {
		return false;
	}
}

/**
 * The files a glob matches, sorted. The pattern's literal leading folders are where the
 * search starts; `**` matches any number of folders (none included), but not hidden ones
 * and, as in bash, not symbolic links to folders (so a link loop cannot trap it).
 */
export function expandGlob(pattern: string): string[] {
	const absolute = pattern.startsWith('/');
	const segments = pattern.split('/').filter(segment => segment !== '');
	const firstMagic = segments.findIndex(segment => hasGlobSyntax(segment));
	if (firstMagic < 0) return isFile(pattern) ? [pattern] : [];
	const literal = segments.slice(0, firstMagic).map(segment => segment.replaceAll(/\\(.)/g, '$1'));
	const base = literal.length > 0 ? (absolute ? '/' : '') + literal.join('/') : absolute ? '/' : '';
	const rest = segments.slice(firstMagic);
	const matches = new Set<string>();
	const join = (dir: string, name: string) => (dir === '' ? name : dir === '/' ? `/${name}` : `${dir}/${name}`);

	const walk = (dir: string, index: number): void => {
		const segment = rest[index]!;
		const last = index === rest.length - 1;
		if (segment === '**') {
			// Zero folders: the next segment applies here; then one folder further down.
			if (last) {
				for (const entry of entries(dir || '.')) if (!entry.name.startsWith('.') && isFile(join(dir, entry.name), entry)) matches.add(join(dir, entry.name));
			} else walk(dir, index + 1);
			for (const entry of entries(dir || '.')) {
				if (!entry.name.startsWith('.') && entry.isDirectory()) walk(join(dir, entry.name), index);
			}

			return;
		}

		if (!hasGlobSyntax(segment)) {
			const next = join(dir, segment.replaceAll(/\\(.)/g, '$1'));
			if (last) {
				if (isFile(next)) matches.add(next);
			} else if (isDirectory(next)) walk(next, index + 1);
			return;
		}

		const expression = segmentToRegExp(segment);
		for (const entry of entries(dir || '.')) {
			if (!expression.test(entry.name)) continue;
			const next = join(dir, entry.name);
			if (last) {
				if (isFile(next, entry)) matches.add(next);
			} else if (isDirectory(next, entry)) walk(next, index + 1);
		}
	};

	walk(base, 0);
	return [...matches].sort();
}

/** One entry per image to read, in the order given: a path, or why an argument names none. */
export type ImageInput = {file: string; error?: string};

/**
 * What the arguments name, in order: `-` (standard input) and files as given, a folder's
 * image files (sorted), a glob's matching image files (sorted). A folder or glob with no
 * image files stays in the list with its error, so that it is reported, not skipped.
 */
export function expandInputs(inputs: string[]): ImageInput[] {
	return inputs.flatMap((input): ImageInput[] => {
		if (input === '-') return [{file: input}];
		let stats: fs.Stats | undefined;
		try {
			stats = fs.statSync(input);
		} catch {
			stats = undefined;
		}

		if (stats?.isDirectory()) {
			const images = entries(input)
				.filter(entry => isImageFileName(entry.name) && !entry.name.startsWith('.') && isFile(path.join(input, entry.name), entry))
				.map(entry => path.join(input, entry.name))
				.sort();
			return images.length > 0 ? images.map(file => ({file})) : [{file: input, error: `${input} has no image files (${formatNames}) in it.`}];
		}

		if (stats || !hasGlobSyntax(input)) return [{file: input}];
		const images = expandGlob(input).filter(file => isImageFileName(file));
		return images.length > 0 ? images.map(file => ({file})) : [{file: input, error: `${input} matches no image files (${formatNames}); check the pattern.`}];
	});
}
