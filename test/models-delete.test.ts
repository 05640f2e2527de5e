// `digits models`: which models shipped (models/SHIPPED), deleting the ones a user made
// (never a shipped one; asked in a terminal, --yes otherwise), and test accuracies that
// `digits eval` and `digits report` measured.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {packageRoot, readMeta, recordTestAccuracy} from '../source/model/store.js';
import {root, runCli, temporaryHome} from './helpers.js';
import {delay} from './tui-helpers.js';

const home = temporaryHome();
const shipped = fs.readFileSync(path.join(root, 'models', 'SHIPPED'), 'utf8').split('\n').filter(Boolean);

/** A copy of a shipped model in $DIGITS_HOME under another name, as if the user had trained it; unscored. */
function userModel(name: string): string {
	const dir = path.join(home, 'models', name);
	fs.cpSync(path.join(root, 'models', 'classic'), dir, {recursive: true});
	fs.writeFileSync(path.join(dir, 'meta.json'), JSON.stringify({...readMeta(dir), test: null}));
	return dir;
}

type Listed = {name: string; shipped: boolean; testAccuracy: number | null};

async function listed(): Promise<Listed[]> {
	const result = await runCli(['models', '--json']);
	assert.equal(result.code, 0, result.stderr);
	return JSON.parse(result.stdout) as Listed[];
}

test('models/SHIPPED names every model the package ships, and `digits models` marks each (shipped)', async () => {
	assert.deepEqual([...shipped].sort(), ['best', 'classic']);
	userModel('mine-listed');
	const models = await listed();
	assert.deepEqual(models.filter(model => model.shipped).map(model => model.name).sort(), [...shipped].sort());
	assert.equal(models.find(model => model.name === 'mine-listed')?.shipped, false);
	const table = (await runCli(['models'])).stdout;
	for (const name of shipped) assert.match(table, new RegExp(`^[* ] +${name} \\(shipped\\) `, 'm'));
	assert.doesNotMatch(table, /mine-listed \(shipped\)/);
});

test('--delete refuses a shipped model, even with --yes', async () => {
	for (const name of shipped) {
		const result = await runCli(['models', '--delete', name, '--yes']);
		assert.deepEqual(result, {code: 1, stdout: '', stderr: `"${name}" ships with digits and cannot be deleted; only models you trained can.\n`});
		assert.ok(fs.existsSync(path.join(packageRoot, 'models', name, 'model.json')));
	}
});

test('--delete without a terminal needs --yes (a usage error, exit 2), and with it deletes', async () => {
	const dir = userModel('mine-piped');
	const refused = await runCli(['models', '--delete', 'mine-piped']);
	assert.deepEqual(refused, {code: 2, stdout: '', stderr: 'digits models --delete mine-piped needs --yes when it cannot ask (standard input is not a terminal).\n'});
	assert.ok(fs.existsSync(dir));
	const deleted = await runCli(['models', '--delete', 'mine-piped', '--yes']);
	assert.deepEqual(deleted, {code: 0, stdout: `Deleted the model "mine-piped" (${dir}).\n`, stderr: ''});
	assert.ok(!fs.existsSync(dir));
	assert.deepEqual(fs.readdirSync(path.join(home, 'models')).filter(entry => entry.startsWith('.')), [], 'nothing left behind');
	assert.ok(!(await listed()).some(model => model.name === 'mine-piped'));
});

test('--delete of a model that does not exist says so (exit 1); --delete without a name is a usage error', async () => {
	assert.deepEqual(await runCli(['models', '--delete', 'nothing-here', '--yes']), {
		code: 1,
		stdout: '',
		stderr: 'There is no model named "nothing-here"; run `digits models` to see the names.\n',
	});
	assert.equal((await runCli(['models', '--delete'])).code, 2);
});

/** `digits models --delete NAME` in a pseudo-terminal (`script`), answering the question with `answer`. */
async function deleteInTerminal(name: string, answer: string): Promise<{code: number | null; output: string}> {
	const command = [process.execPath, '--import', 'tsx', path.join(root, 'source', 'cli.ts'), 'models', '--delete', name].map(word => JSON.stringify(word)).join(' ');
	const child = spawn('script', ['-qec', command, '/dev/null'], {cwd: root});
	let output = '';
	child.stdout.on('data', chunk => (output += chunk));
	const closed = new Promise<number | null>(resolve => child.on('close', resolve));
	for (let waited = 0; !output.includes('[y/N]') && waited < 30_000; waited += 50) await delay(50);
	child.stdin.write(`${answer}\n`);
	return {code: await closed, output};
}

test('--delete in a terminal asks first: n keeps the model, y deletes it', {skip: !fs.existsSync('/usr/bin/script') && 'needs script(1)'}, async () => {
	const dir = userModel('mine-asked');
	const kept = await deleteInTerminal('mine-asked', 'n');
	assert.equal(kept.code, 0);
	assert.match(kept.output, /Delete the model "mine-asked" \(.*\)\? \[y\/N\]/);
	assert.match(kept.output, /Kept "mine-asked"\./);
	assert.ok(fs.existsSync(dir));
	const deleted = await deleteInTerminal('mine-asked', 'y');
	assert.equal(deleted.code, 0);
	assert.match(deleted.output, /Deleted the model "mine-asked"/);
	assert.ok(!fs.existsSync(dir));
});

test('a recorded test accuracy goes into a user model\'s meta.json, never into a shipped one', () => {
	const dir = userModel('mine-recorded');
	recordTestAccuracy(dir, 0.5);
	assert.deepEqual(readMeta(dir).test, {accuracy: 0.5});
	assert.deepEqual(fs.readdirSync(dir).sort(), ['meta.json', 'model.json', 'weights.bin']);
	for (const name of shipped) {
		const meta = path.join(packageRoot, 'models', name, 'meta.json');
		const before = fs.readFileSync(meta, 'utf8');
		recordTestAccuracy(path.dirname(meta), 0.5);
		assert.equal(fs.readFileSync(meta, 'utf8'), before);
	}
});

test('a model scored by `digits eval` or `digits report` shows its test accuracy in `digits models`', async () => {
	userModel('mine-evaluated');
	userModel('mine-reported');
	assert.equal((await listed()).find(model => model.name === 'mine-evaluated')?.testAccuracy, null);
	const evaluated = await runCli(['eval', '--model', 'mine-evaluated', '--json']);
	assert.equal(evaluated.code, 0, evaluated.stderr);
	const {accuracy} = JSON.parse(evaluated.stdout) as {accuracy: number};
	const reported = await runCli(['report', '--model', 'mine-reported', '--out', path.join(home, 'report')]);
	assert.equal(reported.code, 0, reported.stderr);
	const models = await listed();
	assert.equal(models.find(model => model.name === 'mine-evaluated')?.testAccuracy, accuracy);
	assert.equal(models.find(model => model.name === 'mine-reported')?.testAccuracy, accuracy);
	assert.match((await runCli(['models'])).stdout, new RegExp(`mine-evaluated +classic +${(accuracy * 100).toFixed(2)}%`));
});
