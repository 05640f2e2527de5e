// `digits samples`: the digits you saved to teach a model your handwriting, counted per
// digit, and removing them.
import path from 'node:path';
import {UsageError} from '../cli-flags.js';
import {removeSamples, sampleCounts, samplesDir} from '../image/samples.js';
import {confirm} from './models.js';
import {counted} from '../render/format.js';

export async function samplesCommand({dir = samplesDir(), json, remove, yes}: {dir?: string; json: boolean; remove?: string; yes: boolean}): Promise<number> {
	if (remove !== undefined) return removeCommand(dir, remove, yes);
	const counts = sampleCounts(dir);
	const total = counts.reduce((sum, value) => sum + value, 0);
	if (json) {
		process.stdout.write(JSON.stringify({folder: dir, total, counts}, null, 2) + '\n');
		return 0;
	}
	if (total === 0) {
		process.stdout.write(`No samples in ${dir} yet: put pictures of your digits in its subfolders 0 to 9 (e.g. ${path.join(dir, '7', 'mine.png')}).\n`);
		return 0;
	}
	const widest = Math.max(...counts);
	process.stdout.write(`${counted(total, 'sample')} in ${dir}\n\n`);
	for (const [digit, value] of counts.entries()) {
		const bar = '#'.repeat(Math.round((value / widest) * 40));
		process.stdout.write(`  ${digit}  ${String(value).padStart(String(widest).length)}  ${bar}\n`);
	}
	process.stdout.write('\nTeach a model with them: digits train --from best\n');
	return 0;
}

/** `--remove DIGIT|all`: asks first in a terminal, and needs --yes where it cannot ask. */
async function removeCommand(dir: string, which: string, yes: boolean): Promise<number> {
	if (!/^(\d|all)$/.test(which)) throw new UsageError(`--remove takes a digit 0 to 9 or "all" (got "${which}").`);
	const digit = which === 'all' ? undefined : Number(which);
	const counts = sampleCounts(dir);
	const count = digit === undefined ? counts.reduce((sum, value) => sum + value, 0) : counts[digit]!;
	const what = `${counted(count, 'sample')}${digit === undefined ? '' : ` of ${digit}`}`;
	if (count === 0) {
		process.stdout.write(`No samples${digit === undefined ? '' : ` of ${digit}`} in ${dir}; nothing to remove.\n`);
		return 0;
	}
	if (!yes) {
		if (!process.stdin.isTTY) throw new UsageError(`digits samples --remove ${which} needs --yes when it cannot ask (standard input is not a terminal).`);
		if (!(await confirm(`Remove the ${what} in ${dir}? [y/N] `))) {
			process.stdout.write('Kept them.\n');
			return 0;
		}
	}
	removeSamples(dir, digit);
	process.stdout.write(`Removed the ${what} from ${dir}.\n`);
	return 0;
}
