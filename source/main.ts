// The only place reading the flags (cli.ts, the bin, only peeks at the command): picks the
// command, checks its flags, maps errors to exit codes (0 success, 1 runtime failure,
// 2 usage error, 130 interrupted).
import fs from 'node:fs';
import {fileURLToPath, pathToFileURL} from 'node:url';
import meow from 'meow';
import {choice, fraction, learningRateRange, optionalWholeNumber, switchFlag, UsageError, validationSplitRange, wholeNumber} from './cli-flags.js';
import {UserError} from './errors.js';
import {evalCommand} from './commands/eval.js';
import {modelsCommand} from './commands/models.js';
import {reportCommand} from './commands/report.js';
import {trainCommand} from './commands/train.js';
import {learningRateSchedules, presetDefaults, presetNames, trainDefaults, type PresetDefaults} from './model/presets.js';
import {ModelService, ServiceError, workOf} from './model/service.js';
import {backendLabel} from './render/format.js';

const overview = `
  A handwritten-digit recognizer that lives in the terminal.

  Usage
    $ digits                 the full-screen app (in a terminal): train with live charts, …
    $ digits <command> [options]

  Commands
    train       train a network on MNIST (one line per epoch)
    eval        accuracy, confusion matrix and classification report on the 10,000 test images
    predict     read the digit in image files (PNG, JPEG, BMP, GIF, TIFF), folders or stdin (-)
    models      list the models and choose the default one
    report      PNG pictures (history, confusion matrix, examples) and report.md
    sketch      draw a digit (keyboard or mouse) and watch the model read it

  Options
    --help      this help; \`digits <command> --help\` shows the command's options
    --version   the version
    --debug     show stack traces and TensorFlow's own log on errors
    --ascii     draw the app with ASCII characters only (no UTF-8 terminal)

  Examples
    $ digits train --epochs 3 --model mine
    $ digits eval --model mine
    $ digits predict digit.png scans/
    $ digits models --use mine
    $ digits report --model mine
`;

/** A setting's default per preset for the help, e.g. "classic 3 | best 15". */
function shown<K extends keyof PresetDefaults>(key: K, format: (value: PresetDefaults[K]) => string = String): string {
	return presetNames.map(name => `${name} ${format(presetDefaults[name][key])}`).join(' | ');
}

const commandHelp: Record<string, string> = {
	sketch: `
  Usage
    $ digits sketch [--ascii]

  Opens the app on the sketch pad: draw a digit with the arrow keys or h j k l (p puts
  the pen down) or with the mouse, and the model reads it after every stroke. s saves
  the sketch as digit-<yyyymmdd-hhmmss>.png in the current folder; ? lists every key.
`,
	train: `
  Usage
    $ digits train [options]

  Trains a network on the MNIST training images; after each epoch the model is saved,
  so Ctrl-C keeps the last finished epoch. At the end it is scored on the test images.

  Options
    --preset NAME            network: ${presetNames.join(', ')} (default ${trainDefaults.preset}); the
                             next settings default to the preset's:
    --epochs N               passes over the training images (${shown('epochs')})
    --batch-size N           images per step (${shown('batchSize')})
    --learning-rate X        Adam's learning rate (${shown('learningRate')})
    --schedule NAME          learning rate over the epochs: constant or cosine (${shown('schedule')})
    --[no-]augment           shift, rotate, thicken and distort each batch; the last epoch
                             sees the images as they are (${shown('augment', value => (value ? 'on' : 'off'))})
    --validation-split X     part of the training images held out to validate, 0 to <1 (${shown('validationSplit')})
    --seed N                 same seed, same shuffles and initial weights (default ${trainDefaults.seed})
    --limit N                use only the first N training images (quick tries)
    --model NAME             save as NAME (default <preset>-<yyyymmdd-hhmm>)
    --force                  replace an existing model of that name
    --json                   one JSON event per line instead of text

  Examples
    $ digits train
    $ digits train --epochs 1 --limit 2000 --model quick
    $ digits train --preset best
    $ digits train --json > events.ndjson
`,
	eval: `
  Usage
    $ digits eval [options]

  Scores a model on the 10,000 MNIST test images: accuracy, confusion matrix and a
  classification report (precision, recall, f1-score, support).

  Options
    --model NAME             the model to score (default: the default model)
    --json                   one JSON object instead of text
    --predictions FILE.csv   also write index,label,predicted for every test image

  Examples
    $ digits eval
    $ digits eval --model mine --predictions mine.csv
`,
	predict: `
  Usage
    $ digits predict FILE|FOLDER|GLOB|- ... [options]

  Reads the digit in each image (PNG, JPEG, BMP, GIF, TIFF). A folder means its image
  files; a quoted glob (*, ?, [...], **) is expanded by digits; - reads one image from
  standard input. Prints file, digit and confidence; a file that fails is reported on
  stderr and the exit code is 1, but the others are still read.

  Options
    --model NAME             the model to use (default: the default model)
    --json                   a JSON array, one entry per file
    --min-confidence P       mark answers below probability P (0 to 1) as low confidence

  Examples
    $ digits predict digit.png
    $ digits predict scans/ --json
    $ digits predict 'scans/**/*.png'
    $ cat digit.png | digits predict -
`,
	report: `
  Usage
    $ digits report [options]

  Scores a model on the 10,000 MNIST test images once and writes pictures for a slide or
  a notebook: history.png (loss and accuracy per epoch, train vs validation),
  confusion-matrix.png (heat map with counts), examples.png (test digits with their
  labels, mistakes framed in red) and report.md, which shows them with the headline numbers.

  Options
    --model NAME             the model to report on (default: the default model)
    --out DIR                where to write the files (default reports/<model>/)

  Examples
    $ digits report
    $ digits report --model mine --out slides/mine
`,
	models: `
  Usage
    $ digits models [options]

  Lists the models: name, preset, test accuracy, date, and which one is the default.

  Options
    --json                   a JSON array instead of a table
    --use NAME               make NAME the default model

  Examples
    $ digits models
    $ digits models --use mine
`,
};

const commonFlags = {debug: {type: 'boolean'}, json: {type: 'boolean'}, model: {type: 'string'}} as const;

const commandFlags = {
	train: {
		...commonFlags,
		preset: {type: 'string'},
		epochs: {type: 'string'},
		batchSize: {type: 'string'},
		learningRate: {type: 'string'},
		validationSplit: {type: 'string'},
		schedule: {type: 'string'},
		augment: {type: 'boolean'},
		seed: {type: 'string'},
		limit: {type: 'string'},
		force: {type: 'boolean'},
	},
	eval: {...commonFlags, predictions: {type: 'string'}},
	predict: {...commonFlags, minConfidence: {type: 'string'}},
	models: {json: {type: 'boolean'}, debug: {type: 'boolean'}, use: {type: 'string'}},
	report: {debug: {type: 'boolean'}, model: {type: 'string'}, out: {type: 'string'}},
} as const;

type Command = keyof typeof commandFlags;

async function main(argv: string[], service: ModelService): Promise<number> {
	const command = argv[0];
	if (command === undefined || command.startsWith('-')) {
		const cli = meow(overview, {importMeta: import.meta, argv, description: false, flags: {debug: {type: 'boolean'}, ascii: {type: 'boolean'}}});
		const unknown = Object.keys(cli.flags).find(name => name !== 'debug' && name !== 'ascii');
		if (unknown) throw new UsageError(`--${kebab(unknown)} is not an option of digits; see \`digits --help\`.`);
		// The app needs a terminal on both sides; piped or redirected, `digits` prints the help.
		if (!process.stdout.isTTY || !process.stdin.isTTY) cli.showHelp(0);
		return openApp(service, {ascii: Boolean(cli.flags.ascii)});
	}
	if (command === 'sketch') {
		const cli = meow(commandHelp['sketch']!, {importMeta: import.meta, argv: argv.slice(1), description: false, flags: {debug: {type: 'boolean'}, ascii: {type: 'boolean'}}});
		const unknown = Object.keys(cli.flags).find(name => name !== 'debug' && name !== 'ascii');
		if (unknown) throw new UsageError(`--${kebab(unknown)} is not an option of digits sketch; see \`digits sketch --help\`.`);
		if (!process.stdout.isTTY || !process.stdin.isTTY) throw new UsageError('digits sketch needs a terminal on both sides (it is the full-screen sketch pad); to read an image file use `digits predict FILE`.');
		debug = Boolean(cli.flags.debug);
		return openApp(service, {ascii: Boolean(cli.flags.ascii), screen: 'sketch'});
	}
	if (!(command in commandFlags)) throw new UsageError(`"${command}" is not a digits command; run \`digits --help\` to see them.`);
	const cli = meow(commandHelp[command]!, {
		importMeta: import.meta,
		argv: argv.slice(1),
		description: false,
		flags: commandFlags[command as Command],
	});
	const unknown = Object.keys(cli.flags).find(name => !(name in commandFlags[command as Command]));
	if (unknown) throw new UsageError(`--${kebab(unknown)} is not an option of digits ${command}; see \`digits ${command} --help\`.`);
	debug = Boolean(cli.flags.debug);
	const flags = cli.flags as Record<string, string | boolean | undefined>;
	const text = (name: string) => flags[name] as string | undefined;
	const json = Boolean(flags['json']);
	if (command !== 'predict' && cli.input.length > 0) {
		throw new UsageError(`digits ${command} takes no file arguments (got "${cli.input[0]}"); see \`digits ${command} --help\`.`);
	}
	if (command === 'models') return modelsCommand({json, use: text('use')});

	const task = command as Exclude<Command, 'models'>;
	// TensorFlow's child loads while flags are checked and images decoded (cli.ts started it).
	service.ready(workOf(task)).then(({backend, reason}) => {
		if (backend !== 'tensorflow') process.stderr.write(`digits: running on the ${backendLabel(backend)} backend: ${reason}.\n`);
	}, () => {});
	switch (task) {
		case 'train': {
			const preset = choice('preset', text('preset'), trainDefaults.preset, presetNames);
			const defaults = presetDefaults[preset];
			return await trainCommand(
				service,
				{
					preset,
					epochs: wholeNumber('epochs', text('epochs'), defaults.epochs),
					batchSize: wholeNumber('batch-size', text('batchSize'), defaults.batchSize),
					learningRate: fraction('learning-rate', text('learningRate'), defaults.learningRate, learningRateRange),
					validationSplit: fraction('validation-split', text('validationSplit'), defaults.validationSplit, validationSplitRange),
					schedule: choice('schedule', text('schedule'), defaults.schedule, learningRateSchedules),
					augment: switchFlag(argv, 'augment') ?? defaults.augment,
					seed: wholeNumber('seed', text('seed'), trainDefaults.seed, 0),
					limit: optionalWholeNumber('limit', text('limit')),
					model: text('model'),
					force: Boolean(flags['force']),
				},
				{json},
			);
		}
		case 'report':
			return await reportCommand(service, {model: text('model'), out: text('out')});
		case 'eval':
			return await evalCommand(service, {model: text('model'), json, predictions: text('predictions')});
		case 'predict': {
			if (cli.input.length === 0) throw new UsageError('digits predict needs at least one image file, folder or - (stdin); see `digits predict --help`.');
			const minConfidence = text('minConfidence');
			// Loaded on demand: jimp is the slowest import, and only predict needs it.
			const {predictCommand} = await import('./commands/predict.js');
			return await predictCommand(service, cli.input, {
				model: text('model'),
				json,
				minConfidence:
					minConfidence === undefined
						? undefined
						: fraction('min-confidence', minConfidence, 0, {minimum: 0, maximum: 1.0000001, describe: 'a probability from 0 to 1, e.g. 0.9'}),
			});
		}
	}
}

/**
 * The full-screen app. Its prediction child (TensorFlow) starts once the first frame is up:
 * loading TensorFlow at the same time would delay that frame by seconds on a busy machine.
 */
async function openApp(service: ModelService, {ascii, screen}: {ascii: boolean; screen?: 'sketch'}): Promise<number> {
	// React's production build loads and renders faster; it only leaves out development warnings.
	process.env['NODE_ENV'] ??= 'production';
	const {runApp} = await loadApp();
	return runApp(service, {ascii, initial: screen && {screen}});
}

/**
 * The app as one bundled file when the build made one (it loads several times faster than a
 * few hundred modules) and it is not older than the compiled modules; else module by module.
 */
async function loadApp(): Promise<typeof import('./app/run.js')> {
	const bundle = fileURLToPath(new URL('app/run.bundle.js', import.meta.url));
	const modules = fileURLToPath(new URL('app/run.js', import.meta.url));
	try {
		if (fs.statSync(bundle).mtimeMs >= fs.statSync(modules).mtimeMs) return (await import(pathToFileURL(bundle).href)) as typeof import('./app/run.js');
	} catch {}
	return import('./app/run.js');
}

function kebab(name: string): string {
	return name.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);
}

let debug = process.argv.includes('--debug');

/**
 * Runs `digits argv…` and sets the exit code. `service` is the bin's: it starts no child until
 * asked (cli.ts asks at once for the commands that need one), and is closed here on every way out.
 */
export async function run(argv: string[], service: ModelService): Promise<void> {
	try {
		process.exitCode = await main(argv, service);
	} catch (error) {
		const known = error instanceof UserError;
		process.stderr.write(`${known ? error.message : `digits failed unexpectedly: ${(error as Error).message}`}\n`);
		if (debug) process.stderr.write(`${(error instanceof ServiceError && error.detail) || (error as Error).stack}\n`);
		else if (!known) process.stderr.write('Run again with --debug to see the details.\n');
		process.exitCode = known ? error.exitCode : 1;
	} finally {
		service.close();
	}
}
