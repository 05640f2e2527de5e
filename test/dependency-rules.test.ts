// The layer rules (.dependency-cruiser.cjs) hold for source/, and a forbidden import fails them.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, test} from 'node:test';
import {root} from './helpers.js';

const depcruise = path.join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

function check(cwd: string): {code: number | null; output: string} {
	const result = spawnSync(process.execPath, [depcruise, 'source', '--config', '.dependency-cruiser.cjs'], {cwd, encoding: 'utf8'});
	return {code: result.status, output: result.stdout + result.stderr};
}

const projects: string[] = [];
after(() => {
	for (const dir of projects) fs.rmSync(dir, {recursive: true, force: true});
});

/** A tiny project with our rules: source/errors.ts and the given files. */
function project(files: Record<string, string>): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digits-layers-'));
	projects.push(dir);
	for (const name of ['.dependency-cruiser.cjs', 'tsconfig.json', 'package.json']) fs.copyFileSync(path.join(root, name), path.join(dir, name));
	fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
	for (const [name, text] of Object.entries({'source/errors.ts': 'export class UserError extends Error {}\n', ...files})) {
		fs.mkdirSync(path.dirname(path.join(dir, name)), {recursive: true});
		fs.writeFileSync(path.join(dir, name), text);
	}
	return dir;
}

test('source/ keeps to its layers', () => {
	const {code, output} = check(root);
	assert.equal(code, 0, output);
});

test('model/ importing Ink fails the check and names the import; importing errors.ts passes', () => {
	const allowed = check(project({'source/model/load.ts': "import {UserError} from '../errors.js';\nexport const error = new UserError('x');\n"}));
	assert.equal(allowed.code, 0, allowed.output);
	const forbidden = check(project({'source/model/view.ts': "import type {Instance} from 'ink';\nexport type View = Instance;\n"}));
	assert.notEqual(forbidden.code, 0);
	assert.match(forbidden.output, /not-in-allowed: source\/model\/view\.ts → \S*node_modules\/ink\//);
});

test('a screen importing another screen fails the check', () => {
	const {code, output} = check(
		project({
			'source/screens/home/HomeScreen.ts': 'export const home = 1;\n',
			'source/screens/sketch/SketchScreen.ts': "import {home} from '../home/HomeScreen.js';\nexport const sketch = home;\n",
		}),
	);
	assert.notEqual(code, 0);
	assert.match(output, /no-screen-to-screen: source\/screens\/sketch\/SketchScreen\.ts → source\/screens\/home\/HomeScreen\.ts/);
});

test('a cycle of runtime imports fails the check; a cycle through types only passes', () => {
	const pair = (typeOnly: boolean) => ({
		'source/model/a.ts': "import {b} from './b.js';\nexport const a = () => b;\n",
		'source/model/b.ts': `import ${typeOnly ? 'type ' : ''}{a} from './a.js';\nexport const b = 1;\nexport type B = typeof a;\n`,
	});
	const runtime = check(project(pair(false)));
	assert.notEqual(runtime.code, 0);
	assert.match(runtime.output, /no-circular: source\/model\/(a|b)\.ts/);
	const types = check(project(pair(true)));
	assert.equal(types.code, 0, types.output);
});
