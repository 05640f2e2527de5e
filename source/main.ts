// The only place reading the flags (cli.ts, the bin, only peeks at the command): one table of
// commands drives the help, the check of each command's flags and the dispatch; errors become
// exit codes (0 success, 1 runtime failure, 2 usage error, 130 SIGINT, 143 SIGTERM).
import fs from 'node:fs';
import {fileURLToPath, pathToFileURL} from 'node:url';
import meow, {type AnyFlags, type TypedFlags} from 'meow';
import {flagValue, switchFlag, UsageError} from './cli-flags.js';
import {signalExitCodes, UserError, type ExitSignal} from './errors.js';
import {evalCommand} from './commands/eval.js';
import {exportCommand} from './commands/export.js';
import {modelsCommand} from './commands/models.js';
import {reportCommand} from './commands/report.js';
import {samplesCommand} from './commands/samples.js';
import {trainCommand} from './commands/train.js';
import {evalHelp, exportHelp, fitHelp, modelsHelp, overviewHelp, predictHelp, reportHelp, samplesHelp, serveHelp, sketchHelp, trainHelp, type CommandHelp} from './help-text.js';
import {presets, teachDefaults, trainDefaults} from './model/presets.js';
import {readMeta, resolveModel} from './model/store.js';
import {type ModelService, ServiceError, workOf} from './model/service.js';
import {checkNumberInRange, checkWholeNumber, trainChecks, type NumberRange} from './model/train-options.js';
import {backendLabel} from './render/format.js';

/** What a handler is given: its flags and other arguments as meow read them, the arguments themselves, and the bin's model service. */
type Call<Flags extends AnyFlags> = {flags: TypedFlags<Flags>; input: string[]; argv: string[]; service: ModelService; showHelp: () => never};

type Command<Flags extends AnyFlags = AnyFlags> = {
	/** The word after `digits`; empty for `digits` itself. */
	name: string;
	/** What `--help` prints. */
	help: string;
	flags: Flags;
	/** Arguments that are not flags: handed to the handler, a usage error, or ignored (the full-screen app). */
	input: 'files' | 'none' | 'ignored';
	/**
	 * The command answers SIGINT and SIGTERM itself (training stops at the next batch, the app
	 * restores the terminal); any other ends at once, with 130 or 143.
	 */
	handlesSignals?: true;
	run(call: Call<Flags>): Promise<number> | number;
};

/** A command `digits --help` lists; its handler sees its own flags typed. */
function command<Flags extends AnyFlags>(name: string, {summary, help}: CommandHelp, definition: Pick<Command<Flags>, 'flags' | 'input' | 'handlesSignals' | 'run'>): Command & {summary: string} {
	return {name, summary, help, ...definition};
}

/** Flags every command takes. */
const globalFlags = {debug: {type: 'boolean'}} as const;

const probabilityRange: NumberRange = {minimum: 0, maximum: 1.0000001, describe: 'a probability from 0 to 1, e.g. 0.9'};

/** The commands, in the order `digits --help` lists them. */
const commands = [
	command('train', trainHelp, {
		flags: {
			json: {type: 'boolean'},
			model: {type: 'string'},
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
			from: {type: 'string'},
			samples: {type: 'string'},
		},
		input: 'none',
		handlesSignals: true,
		run({flags, argv, service}) {
			if (flags.samples !== undefined && flags.from === undefined) throw new UsageError('--samples needs --from MODEL: the model to teach your samples (e.g. --from best).');
			if (flags.from !== undefined && (flags.preset !== undefined || flags.validationSplit !== undefined)) {
				throw new UsageError(`--from ${flags.from} teaches that model: its network stays (no --preset), and a share of the samples is held out (no --validation-split).`);
			}
			const preset = flags.from === undefined ? flagValue('preset', flags.preset, trainDefaults.preset, trainChecks.preset) : readMeta(resolveModel(flags.from).dir).preset;
			const defaults = flags.from === undefined ? presets[preset].defaults : {...teachDefaults, validationSplit: 0, schedule: 'constant' as const};
			const options = {
				preset,
				epochs: flagValue('epochs', flags.epochs, defaults.epochs, trainChecks.epochs),
				batchSize: flagValue('batch-size', flags.batchSize, defaults.batchSize, trainChecks.batchSize),
				learningRate: flagValue('learning-rate', flags.learningRate, defaults.learningRate, trainChecks.learningRate),
				validationSplit: flagValue('validation-split', flags.validationSplit, defaults.validationSplit, trainChecks.validationSplit),
				schedule: flagValue('schedule', flags.schedule, defaults.schedule, trainChecks.schedule),
				augment: switchFlag(argv, 'augment') ?? defaults.augment,
				seed: flagValue('seed', flags.seed, trainDefaults.seed, trainChecks.seed),
				limit: flagValue('limit', flags.limit, undefined, trainChecks.limit),
				model: flags.model,
				force: Boolean(flags.force),
				from: flags.from,
			};
			return trainCommand(service, options, {json: Boolean(flags.json), samples: flags.samples});
		},
	}),
	command('eval', evalHelp, {
		flags: {json: {type: 'boolean'}, model: {type: 'string'}, predictions: {type: 'string'}},
		input: 'none',
		run: ({flags, service}) => evalCommand(service, {model: flags.model, json: Boolean(flags.json), predictions: flags.predictions}),
	}),
	command('predict', predictHelp, {
		flags: {json: {type: 'boolean'}, model: {type: 'string'}, minConfidence: {type: 'string'}, number: {type: 'boolean'}},
		input: 'files',
		async run({flags, input, service}) {
			if (input.length === 0) throw new UsageError('digits predict needs at least one image file, folder or - (stdin); see `digits predict --help`.');
			// Loaded on demand: jimp is the slowest import, and only predict needs it.
			const {predictCommand} = await import('./commands/predict.js');
			return predictCommand(service, input, {
				model: flags.model,
				json: Boolean(flags.json),
				number: Boolean(flags.number),
				minConfidence: flagValue('min-confidence', flags.minConfidence, undefined, text => checkNumberInRange(text, probabilityRange)),
			});
		},
	}),
	command('models', modelsHelp, {
		flags: {json: {type: 'boolean'}, use: {type: 'string'}, delete: {type: 'string'}, yes: {type: 'boolean'}},
		input: 'none',
		run: ({flags}) => modelsCommand({json: Boolean(flags.json), use: flags.use, remove: flags.delete, yes: Boolean(flags.yes)}),
	}),
	command('samples', samplesHelp, {
		flags: {dir: {type: 'string'}, json: {type: 'boolean'}, remove: {type: 'string'}, yes: {type: 'boolean'}},
		input: 'none',
		run: ({flags}) => samplesCommand({dir: flags.dir, json: Boolean(flags.json), remove: flags.remove, yes: Boolean(flags.yes)}),
	}),
	command('report', reportHelp, {
		flags: {model: {type: 'string'}, out: {type: 'string'}},
		input: 'none',
		run: ({flags, service}) => reportCommand(service, {model: flags.model, out: flags.out}),
	}),
	command('serve', serveHelp, {
		flags: {
			port: {type: 'string'},
			host: {type: 'string'},
			model: {type: 'string'},
			token: {type: 'string'},
			auth: {type: 'boolean', default: true},
			cors: {type: 'string'},
			maxBatch: {type: 'string'},
			maxQueue: {type: 'string'},
			jsonLog: {type: 'boolean'},
		},
		input: 'none',
		handlesSignals: true,
		async run({flags, service}) {
			if (flags.token === '') throw new UsageError('--token must not be empty; pick a long random one, e.g. `openssl rand -hex 16`.');
			// Loaded on demand: fastify and jimp are needed by this command only.
			const {serveCommand} = await import('./commands/serve.js');
			return serveCommand(service, {
				port: flagValue('port', flags.port, 8080, text => checkWholeNumber(text, 0, 65_535)),
				host: flags.host ?? '127.0.0.1',
				model: flags.model,
				token: flags.token,
				noAuth: !flags.auth,
				cors: flags.cors,
				maxBatch: flagValue('max-batch', flags.maxBatch, 64, text => checkWholeNumber(text, 1, 1024)),
				maxQueue: flagValue('max-queue', flags.maxQueue, 2000, text => checkWholeNumber(text, 1, 1_000_000)),
				jsonLog: Boolean(flags.jsonLog),
			});
		},
	}),
	command('export', exportHelp, {
		flags: {model: {type: 'string'}, format: {type: 'string'}, out: {type: 'string'}},
		input: 'none',
		run: ({flags, service}) => exportCommand(service, {model: flags.model, format: flags.format, out: flags.out}),
	}),
	command('sketch', sketchHelp, {
		flags: {ascii: {type: 'boolean'}},
		input: 'ignored',
		handlesSignals: true,
		run({flags, service}) {
			if (!process.stdout.isTTY || !process.stdin.isTTY) throw new UsageError('digits sketch needs a terminal on both sides (it is the full-screen sketch pad); to read an image file use `digits predict FILE`.');
			return openApp(service, {ascii: Boolean(flags.ascii), screen: 'sketch'});
		},
	}),
];

/** `digits` with no command: the full-screen app. */
const app: Command = {
	name: '',
	help: overviewHelp(commands),
	flags: {ascii: {type: 'boolean'}},
	input: 'ignored',
	handlesSignals: true,
	run({flags, service, showHelp}) {
		// The app needs a terminal on both sides; piped or redirected, `digits` prints the help.
		if (!process.stdout.isTTY || !process.stdin.isTTY) showHelp();
		return openApp(service, {ascii: Boolean(flags.ascii)});
	},
};

/** Which command argv asks for, with its flags and arguments read; a usage error for an unknown command or flag. */
function parse(argv: string[], service: ModelService): {command: Command; call: Call<AnyFlags>; debug: boolean} {
	const [name, ...rest] = argv;
	const atTop = name === undefined || name.startsWith('-');
	const command = atTop ? app : commands.find(candidate => candidate.name === name);
	if (!command) throw new UsageError(`"${name}" is not a digits command; run \`digits --help\` to see them.`);
	const args = atTop ? argv : rest;
	const flags = {...globalFlags, ...command.flags};
	const cli = meow(fitHelp(command.help), {importMeta: import.meta, argv: args, description: false, flags});
	const unknown = Object.keys(cli.flags).find(flag => !Object.hasOwn(flags, flag));
	const title = usageName(command);
	if (unknown) throw new UsageError(`--${kebab(unknown)} is not an option of ${title}; see \`${title} --help\`.`);
	return {command, call: {flags: cli.flags, input: cli.input, argv: args, service, showHelp: () => cli.showHelp(0)}, debug: Boolean(cli.flags.debug)};
}

async function runCommand(command: Command, call: Call<AnyFlags>): Promise<number> {
	const title = usageName(command);
	if (command.input === 'none' && call.input.length > 0) throw new UsageError(`${title} takes no file arguments (got "${call.input[0]}"); see \`${title} --help\`.`);
	const work = workOf(command.name);
	// TensorFlow's child loads while flags are checked and images decoded (cli.ts started it).
	if (work) {
		call.service.ready(work).then(({backend, reason}) => {
			if (backend !== 'tensorflow') process.stderr.write(`digits: running on the ${backendLabel(backend)} backend: ${reason}.\n`);
		}, () => {});
	}
	return command.run(call);
}

function usageName(command: Command): string {
	return command.name === '' ? 'digits' : `digits ${command.name}`;
}

function kebab(name: string): string {
	return name.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);
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

/**
 * A reader that closes the pipe early (`digits models | head -1`) ends the command at once
 * with exit 0, as `ls | head` does, and stops the model service's children.
 */
function endQuietlyWhenReaderCloses(service: ModelService): void {
	for (const stream of [process.stdout, process.stderr]) {
		stream.on('error', (error: NodeJS.ErrnoException) => {
			service.close();
			if (error.code === 'EPIPE') process.exit(0);
			try {
				fs.writeSync(2, `digits could not write its output (${error.code ?? error.message}).\n`);
			} catch {}
			process.exit(1);
		});
	}
}

/** SIGINT, SIGTERM and SIGHUP end a command at once, with its children: exit 130, 143 or 129. */
function exitOnSignals(service: ModelService): void {
	for (const signal of Object.keys(signalExitCodes) as ExitSignal[]) {
		process.on(signal, () => {
			service.close();
			process.exit(signalExitCodes[signal]);
		});
	}
}

/**
 * Runs `digits argv…` and sets the exit code. `service` is the bin's: it starts no child until
 * asked (cli.ts asks at once for the commands that need one), and is closed here on every way out.
 */
export async function run(argv: string[], service: ModelService): Promise<void> {
	endQuietlyWhenReaderCloses(service);
	// Until the command's flags are read, --debug anywhere counts.
	let debug = argv.includes('--debug');
	try {
		const parsed = parse(argv, service);
		debug = parsed.debug;
		if (!parsed.command.handlesSignals) exitOnSignals(service);
		process.exitCode = await runCommand(parsed.command, parsed.call);
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
