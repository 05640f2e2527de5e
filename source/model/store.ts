// Where models live and how they are written: no TensorFlow here, so listing models and
// reading meta.json stay fast.
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {configDir} from '../config-dir.js';
import {UserError} from '../errors.js';
import type {ModelMeta} from './types.js';

export class ModelStoreError extends UserError {}

/** The package root: two levels above this file, as source/model/store.ts or dist/model/store.js. */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where new models are written: `$DIGITS_HOME/models` when set (read-only installs), else the package's models/. */
export function writableModelsDir(): string {
	const home = process.env['DIGITS_HOME'];
	return home ? path.join(home, 'models') : path.join(packageRoot, 'models');
}

/** Folders searched for models, first match wins: the writable one, then the package's shipped models. */
export function modelsDirs(): string[] {
	const shipped = path.join(packageRoot, 'models');
	const writable = writableModelsDir();
	return writable === shipped ? [shipped] : [writable, shipped];
}

function configFile(): string {
	return path.join(configDir(), 'config.json');
}

function readConfig(): {defaultModel?: string} {
	try {
		return JSON.parse(fs.readFileSync(configFile(), 'utf8')) as {defaultModel?: string};
	} catch {
		return {};
	}
}

/** The model shipped with the package, named in models/DEFAULT. */
export function shippedModelName(): string | undefined {
	try {
		return fs.readFileSync(path.join(packageRoot, 'models', 'DEFAULT'), 'utf8').trim() || undefined;
	} catch {
		return undefined;
	}
}

/** The models that ship with the package, named in models/SHIPPED (one a line): never deleted, their scores never rewritten. */
export function shippedModelNames(): string[] {
	try {
		return fs.readFileSync(path.join(packageRoot, 'models', 'SHIPPED'), 'utf8').split('\n').map(line => line.trim()).filter(Boolean);
	} catch {
		return [];
	}
}

/** Whether a model folder is one the package ships (a user's model of the same name in $DIGITS_HOME is not). */
export function isShippedModel(dir: string, shipped: readonly string[] = shippedModelNames()): boolean {
	const name = path.basename(dir);
	return path.resolve(dir) === path.join(packageRoot, 'models', name) && shipped.includes(name);
}

/** The user's chosen default (`digits models --use`), else the shipped one. */
export function defaultModelName(): string | undefined {
	const chosen = readConfig().defaultModel;
	if (chosen && findModel(chosen)) return chosen;
	return shippedModelName();
}

export function setDefaultModel(name: string): void {
	if (!findModel(name)) throw new ModelStoreError(`There is no model named "${name}"; run \`digits models\` to see the names.`);
	const file = configFile();
	fs.mkdirSync(path.dirname(file), {recursive: true});
	fs.writeFileSync(file, JSON.stringify({...readConfig(), defaultModel: name}, null, '\t') + '\n');
}

const validName = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function checkModelName(name: string): void {
	if (!validName.test(name)) {
		throw new ModelStoreError(
			`"${name}" is not a usable model name: use up to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit.`,
		);
	}
}

/** What the train form asks about a name: whether a model has it, and whether it is usable. */
export type ModelNames = {
	/** Whether a model of this name exists (training onto it would replace it). */
	modelExists: (name: string) => boolean;
	/** The store's rule for names: throws with one sentence when the name is unusable. */
	checkModelName: (name: string) => void;
};

export const modelNames: ModelNames = {
	modelExists: name => findModel(name) !== undefined,
	checkModelName,
};

/** The folder of an existing model, or undefined. */
export function findModel(name: string): string | undefined {
	if (!validName.test(name)) return undefined;
	return modelsDirs()
		.map(dir => path.join(dir, name))
		.find(candidate => fs.existsSync(path.join(candidate, 'model.json')));
}

const leftOver = /^\.tmp-([A-Za-z0-9][A-Za-z0-9._-]{0,63})-[A-Za-z0-9]{6}-old$/;

/** A crash between the two renames of writeModelFolder leaves only the old folder: put each back. Run once at start. */
export function restoreInterruptedSwaps(): void {
	for (const dir of modelsDirs()) {
		let entries: string[];
		try {
			entries = fs.readdirSync(dir);
		} catch {
			continue;
		}
		for (const entry of entries) {
			const name = leftOver.exec(entry)?.[1];
			if (name && !entries.includes(name)) fs.renameSync(path.join(dir, entry), path.join(dir, name));
		}
	}
}

/** The folder of a model to use, with one clear sentence when it cannot be had. */
export function resolveModel(name?: string): {name: string; dir: string} {
	const wanted = name ?? defaultModelName();
	if (!wanted) throw new ModelStoreError('No model is installed yet; train one with `digits train`.');
	const dir = findModel(wanted);
	if (!dir) throw new ModelStoreError(`There is no model named "${wanted}"; run \`digits models\` to see the names, or \`digits train --model ${wanted}\` to make it.`);
	return {name: wanted, dir};
}

export function readMeta(dir: string): ModelMeta {
	const file = path.join(dir, 'meta.json');
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch {
		throw new ModelStoreError(`${file} is missing; the model folder is incomplete. Train the model again or delete the folder.`);
	}
	try {
		return JSON.parse(text) as ModelMeta;
	} catch {
		throw new ModelStoreError(`${file} is not valid JSON; the model folder is damaged. Train the model again or delete the folder.`);
	}
}

export type ModelListing = {name: string; path: string; meta: ModelMeta | null; isDefault: boolean; shipped: boolean};

export function listModels(): ModelListing[] {
	const seen = new Set<string>();
	const result: ModelListing[] = [];
	const defaultName = defaultModelName();
	const shipped = shippedModelNames();
	for (const dir of modelsDirs()) {
		let entries: fs.Dirent[];
		try {
			entries = fs.readdirSync(dir, {withFileTypes: true});
		} catch {
			continue;
		}
		for (const entry of entries) {
			if (!entry.isDirectory() || !validName.test(entry.name) || seen.has(entry.name)) continue;
			const modelDir = path.join(dir, entry.name);
			if (!fs.existsSync(path.join(modelDir, 'model.json'))) continue;
			seen.add(entry.name);
			let meta: ModelMeta | null = null;
			try {
				meta = readMeta(modelDir);
			} catch {}
			result.push({name: entry.name, path: modelDir, meta, isDefault: entry.name === defaultName, shipped: isShippedModel(modelDir, shipped)});
		}
	}
	return result.sort((a, b) => a.name.localeCompare(b.name));
}

/** The installed models as `digits models --json` lists them. */
export function modelSummaries(): Array<{name: string; preset: string | null; testAccuracy: number | null; createdAt: string | null; isDefault: boolean; shipped: boolean; path: string}> {
	return listModels().map(model => ({
		name: model.name,
		preset: model.meta?.preset ?? null,
		testAccuracy: model.meta?.test?.accuracy ?? null,
		createdAt: model.meta?.createdAt ?? null,
		isDefault: model.isDefault,
		shipped: model.shipped,
		path: model.path,
	}));
}

/** The folder of a model that may be deleted; one sentence when there is none or it ships with digits. */
export function deletableModel(name: string): string {
	const dir = findModel(name);
	if (!dir) throw new ModelStoreError(`There is no model named "${name}"; run \`digits models\` to see the names.`);
	if (isShippedModel(dir)) throw new ModelStoreError(`"${name}" ships with digits and cannot be deleted; only models you trained can.`);
	return dir;
}

/** Removes a model folder: renamed out of sight first, so a crash never leaves half a model behind. */
export function deleteModel(dir: string): void {
	const name = path.basename(dir);
	const hidden = path.join(path.dirname(dir), `.deleting-${name}-${process.pid}`);
	try {
		fs.renameSync(dir, hidden);
	} catch (error) {
		throw new ModelStoreError(`Could not delete ${dir} (${(error as NodeJS.ErrnoException).code ?? 'error'}); check that its folder is writable.`);
	}
	fs.rmSync(hidden, {recursive: true, force: true});
}

/**
 * Keeps a test accuracy measured by `digits eval` or `digits report` in the model's meta.json,
 * so that `digits models` shows it. Shipped models keep theirs; a folder that cannot be
 * written is left as it is (the score was printed anyway).
 */
export function recordTestAccuracy(dir: string, accuracy: number): void {
	if (isShippedModel(dir)) return;
	const temporary = path.join(dir, `.tmp-meta-${process.pid}.json`);
	try {
		fs.writeFileSync(temporary, JSON.stringify({...readMeta(dir), test: {accuracy}}, null, '\t') + '\n');
		fs.renameSync(temporary, path.join(dir, 'meta.json'));
	} catch {
		fs.rmSync(temporary, {force: true});
	}
}

/** `<prefix>-<yyyymmdd-hhmm>` (the preset, or `<model>-taught`), with a suffix when that name is taken. */
export function newModelName(preset: string, date = new Date()): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	const stamp = `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}`;
	let name = `${preset}-${stamp}`;
	for (let i = 2; findModel(name); i++) name = `${preset}-${stamp}-${i}`;
	return name;
}

/**
 * Writes a model folder atomically: every file goes into a temporary sibling folder,
 * which then replaces the old one by rename, so a crash never leaves a half-written model.
 */
export function writeModelFolder(dir: string, files: Record<string, string | Uint8Array>): void {
	const parent = path.dirname(dir);
	fs.mkdirSync(parent, {recursive: true});
	const temporary = fs.mkdtempSync(path.join(parent, `.tmp-${path.basename(dir)}-`));
	fs.chmodSync(temporary, 0o755);
	for (const [name, content] of Object.entries(files)) {
		const fd = fs.openSync(path.join(temporary, name), 'w');
		fs.writeSync(fd, typeof content === 'string' ? Buffer.from(content) : content);
		fs.fsyncSync(fd);
		fs.closeSync(fd);
	}
	const old = `${temporary}-old`;
	const hadOld = fs.existsSync(dir);
	if (hadOld) fs.renameSync(dir, old);
	fs.renameSync(temporary, dir);
	if (hadOld) fs.rmSync(old, {recursive: true, force: true});
}
