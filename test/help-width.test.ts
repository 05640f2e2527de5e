// Every `--help` fits in 80 columns: the help is refilled to the terminal digits is made for.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {fitHelp, helpWidth} from '../source/help-text.js';
import {runCli} from './helpers.js';

test('fitHelp refills paragraphs and descriptions between words, and keeps usage and example lines', () => {
	const help = [
		'',
		'  Usage',
		'    $ digits thing [options] with a usage line that is longer than the width we ask for',
		'',
		'  A paragraph written',
		'  on two lines that are refilled.',
		'',
		'  Options',
		'    --flag X     what the flag does, said at length',
		'                 and continued here',
		'    --short      fits',
		'',
	].join('\n');
	assert.equal(
		fitHelp(help, 30),
		[
			'',
			'  Usage',
			'    $ digits thing [options] with a usage line that is longer than the width we ask for',
			'',
			'  A paragraph written on two',
			'  lines that are refilled.',
			'',
			'  Options',
			'    --flag X     what the flag',
			'                 does, said at',
			'                 length and',
			'                 continued',
			'                 here',
			'    --short      fits',
			'',
		].join('\n'),
	);
});

test('fitHelp leaves a help that fits as it is', () => {
	const help = '\n  Usage\n    $ digits models [options]\n\n  Options\n    --json       a JSON array\n    --use NAME   make NAME the default\n';
	assert.equal(fitHelp(help), help);
});

test(`every command's --help fits in ${helpWidth} columns`, async () => {
	const overview = await runCli(['--help']);
	assert.equal(overview.code, 0, overview.stderr);
	const commands = [...overview.stdout.split('\n  Commands\n')[1]!.split('\n\n')[0]!.matchAll(/^ {4}(\w+) /gm)].map(match => match[1]!);
	assert.ok(commands.length >= 6, `the overview lists the commands (${commands.join(', ')})`);
	for (const args of [['--help'], ...commands.map(name => [name, '--help'])]) {
		const {code, stdout} = args.length === 1 ? overview : await runCli(args);
		assert.equal(code, 0);
		const long = stdout.split('\n').filter(line => line.length > helpWidth);
		assert.deepEqual(long, [], `digits ${args.join(' ')}`);
	}
});
