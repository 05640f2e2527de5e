// What `digits --help` and `digits <command> --help` print, word for word. Each command's
// summary is its line in the overview, which lists the commands in the command table's order.
import {formatList} from './image/formats.js';
import {presetNames, teachDefaults, presets, trainDefaults, type PresetDefaults} from './model/presets.js';

export type CommandHelp = {summary: string; help: string};

/** The width every help fits in: the narrowest terminal digits is made for. */
export const helpWidth = 80;

/** A line that names something (an option, a command) and then describes it after two or more spaces. */
const definition = /^( *\S(?:\S| (?! ))*) {2,}(?=\S)/;

/**
 * The help refilled to `width` columns, so that texts written at any length (and the preset
 * defaults and image formats they show) never overflow a terminal. A paragraph and an
 * option's or command's description are filled between words, their continuation lines
 * under their first word; headings and usage or example lines (`$ ...`) stay as written.
 */
export function fitHelp(text: string, width = helpWidth): string {
	const lines: string[] = [];
	let block: {lead: string; hang: number; words: string[]} | undefined;
	const flush = () => {
		if (block) lines.push(...fill(block.lead, block.hang, block.words, width));
		block = undefined;
	};
	for (const line of text.split('\n')) {
		const indent = line.length - line.trimStart().length;
		const words = line.trim().split(/ +/);
		const named = definition.exec(line)?.[0];
		if (block && !named && line.trim() !== '' && !line.trimStart().startsWith('$') && indent === block.hang) {
			block.words.push(...words);
			continue;
		}
		flush();
		if (named) block = {lead: named, hang: named.length, words: line.slice(named.length).split(/ +/)};
		else if (line.trim() === '' || line.trimStart().startsWith('$')) lines.push(line);
		else block = {lead: ' '.repeat(indent), hang: indent, words};
	}
	flush();
	return lines.join('\n');
}

/** Words filled into lines of at most `width` columns after `lead`, then after `hang` spaces; a word longer than a line has one to itself. */
function fill(lead: string, hang: number, words: string[], width: number): string[] {
	const lines: string[] = [];
	let line = lead;
	let empty = true;
	for (const word of words) {
		if (!empty && line.length + 1 + word.length > width) {
			lines.push(line);
			line = ' '.repeat(hang);
			empty = true;
		}
		line += (empty ? '' : ' ') + word;
		empty = false;
	}
	lines.push(line);
	return lines;
}

/** `digits --help`: the usage, one line per command, the global options and examples. */
export function overviewHelp(commands: ReadonlyArray<{name: string; summary: string}>): string {
	const lines = commands.map(({name, summary}) => `    ${name.padEnd(12)}${summary}`).join('\n');
	return `
  A handwritten-digit recognizer that lives in the terminal.

  Usage
    $ digits                 the full-screen app in a terminal: train with live charts,
                             evaluate, sketch digits, read images
    $ digits <command> [options]

  Commands
${lines}

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
}

/** A setting's default per preset for the help, e.g. "classic 3 | best 12". */
function shown<K extends keyof PresetDefaults>(key: K, format: (value: PresetDefaults[K]) => string = String): string {
	return presetNames.map(name => `${name} ${format(presets[name].defaults[key])}`).join(' | ');
}

export const sketchHelp: CommandHelp = {
	summary: 'draw a digit (keyboard or mouse) and watch the model read it',
	help: `
  Usage
    $ digits sketch [--ascii]

  Opens the app on the sketch pad: draw a digit with the arrow keys or h j k l,
  and y u b n diagonally (p puts the pen down), or with the mouse; the model
  reads it after every stroke. z undoes a stroke. s saves the sketch as
  digit-<yyyymmdd-hhmmss>.png in the current folder, o opens an image (Tab
  completes its path); m reads a whole number on a wider canvas (s saves it
  as number-<yyyymmdd-hhmmss>.png); ? lists every key.
`,
};

export const trainHelp: CommandHelp = {
	summary: 'train a network on MNIST (one line per epoch)',
	help: `
  Usage
    $ digits train [options]

  Trains a network on the MNIST training images; after each epoch the model is saved,
  so Ctrl-C keeps the last finished epoch. At the end it is scored on the test images.

  Options
    --preset NAME            network: ${presetNames.join(', ')} (default ${trainDefaults.preset}); the
                             next settings default to the preset's:
    --epochs N               passes over the images (${shown('epochs')})
    --batch-size N           images per step (${shown('batchSize')})
    --learning-rate X        Adam's learning rate (${shown('learningRate')})
    --schedule NAME          learning rate over the epochs: constant or cosine (${shown('schedule')})
    --[no-]augment           shift, rotate, thicken and distort each batch, except in the
                             last epoch (${shown('augment', value => (value ? 'on' : 'off'))})
    --validation-split X     training images held out to validate: 0 to <1 (${shown('validationSplit')})
    --seed N                 same seed, same shuffles and weights (default ${trainDefaults.seed})
    --limit N                use only the first N training images (quick tries)
    --model NAME             save as NAME (default <preset>-<yyyymmdd-hhmm>)
    --force                  replace an existing model of that name
    --json                   one JSON event per line instead of text

  Teaching your handwriting
    --from MODEL             teach MODEL your samples instead of training a new network:
                             ${teachDefaults.sampleShare * 100}% of each batch your samples, the rest MNIST (so it
                             does not forget; ${teachDefaults.slantShare * 100}% of those leaned to your samples'
                             slant); a quarter of the samples is held out and read
                             before and after. Defaults: ${teachDefaults.epochs} epochs of
                             ${teachDefaults.batchesPerEpoch} batches of ${teachDefaults.batchSize}, learning rate ${teachDefaults.learningRate}, augmented
    --samples DIR            the samples folder (default: yours; see digits samples --help)

  Examples
    $ digits train
    $ digits train --epochs 1 --limit 2000 --model quick
    $ digits train --preset best
    $ digits train --json > events.ndjson
    $ digits train --from best --samples my-digits --model mine
`,
};

export const evalHelp: CommandHelp = {
	summary: 'accuracy, confusion matrix and classification report on the 10,000 test images',
	help: `
  Usage
    $ digits eval [options]

  Scores a model on the 10,000 MNIST test images: accuracy, confusion matrix and a
  classification report (precision, recall, f1-score, support).

  Options
    --model NAME             the model to score (default: the default model)
    --json                   one JSON object instead of text
    --predictions FILE.csv   also write index,label,predicted per test image

  Examples
    $ digits eval
    $ digits eval --model mine --predictions mine.csv
`,
};

export const predictHelp: CommandHelp = {
	summary: `read the digit in image files (${formatList}), folders or stdin (-)`,
	help: `
  Usage
    $ digits predict FILE|FOLDER|GLOB|- ... [options]

  Reads the digit in each image (${formatList}). A folder means its image
  files; a quoted glob (*, ?, [...], **) is expanded by digits; - reads one image from
  standard input. Prints file, digit and confidence; a file that fails is reported on
  stderr and the exit code is 1, but the others are still read. With --number each
  image holds a whole number (1 to 12 digits, left to right): prints file, number and
  the product of its digits' confidences.

  Options
    --model NAME             the model to use (default: the default model)
    --json                   a JSON array, one entry per file
    --number                 read a whole number per image, with each digit's box
    --min-confidence P       mark answers below P (0 to 1) as low confidence

  Examples
    $ digits predict digit.png
    $ digits predict scans/ --json
    $ digits predict 'scans/**/*.png'
    $ digits predict --number meter.jpg --json
    $ cat digit.png | digits predict -
`,
};

export const serveHelp: CommandHelp = {
	summary: 'the web page and HTTP APIs (digits, TensorFlow Serving, KServe v2)',
	help: `
  Usage
    $ digits serve [options]

  Serves a web page to draw or upload digits and see the model, and inference
  APIs for programs: POST /api/predict (an image body or a multipart form; the
  answer is what \`digits predict --json\` prints; ?number=1 reads a whole number
  per image, as \`digits predict --number --json\` does), TensorFlow Serving's
  /v1/models/NAME:predict, KServe v2's /v2/models/NAME/infer and /metrics.
  NAME is any installed model. Concurrent requests share one model call.
  Ctrl-C lets the requests in flight finish, then stops.

  Options
    --port N          the port (default 8080; 0 picks a free one)
    --host ADDRESS    the address to listen on (default 127.0.0.1: this machine)
    --model NAME      the model when a request names none (default: the default)
    --token TOKEN     APIs and /metrics need "Authorization: Bearer TOKEN"
    --no-auth         serve another address without a token (prints a warning)
    --cors ORIGIN     let pages from ORIGIN (or *) call the APIs
    --max-batch N     images per model call at most (default 64)
    --max-queue N     images waiting at most; beyond, 503 (default 2000)
    --json-log        log each request as a JSON line instead of text

  Examples
    $ digits serve
    $ curl --data-binary @digit.png http://127.0.0.1:8080/api/predict
    $ digits serve --host 0.0.0.0 --token "$(openssl rand -hex 16)"
`,
};

export const reportHelp: CommandHelp = {
	summary: 'PNG pictures (history, confusion matrix, examples) and report.md',
	help: `
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
};

export const modelsHelp: CommandHelp = {
	summary: 'list the models, choose the default, delete the ones you made',
	help: `
  Usage
    $ digits models [options]

  Lists the models: name, preset, test accuracy, date, and which one is the default.
  The models that ship with digits say (shipped) and cannot be deleted. A model's test
  accuracy is measured when training ends, or by digits eval or digits report.

  Options
    --json                   a JSON array instead of a table
    --use NAME               make NAME the default model
    --delete NAME            delete the model NAME (asks first in a terminal)
    --yes                    delete without asking (needed where it cannot ask)

  Examples
    $ digits models
    $ digits models --use mine
    $ digits models --delete mine --yes
`,
};

export const samplesHelp: CommandHelp = {
	summary: 'count or remove the samples of your handwriting that teach a model',
	help: `
  Usage
    $ digits samples [options]

  Samples are pictures of your own digits, one folder per digit: SAMPLES/0/ to
  SAMPLES/9/, any of ${formatList}. SAMPLES is $DIGITS_HOME/samples when DIGITS_HOME
  is set, else samples in your config folder. digits train --from best teaches a model
  from them (see digits train --help).

  Options
    --dir DIR                another samples folder
    --json                   {folder, total, counts} instead of a table
    --remove DIGIT|all       remove the samples of one digit, or all of them (asks first
                             in a terminal)
    --yes                    remove without asking (needed where it cannot ask)

  Examples
    $ digits samples
    $ digits samples --remove 7 --yes
`,
};

export const exportHelp: CommandHelp = {
	summary: 'write a model as a TensorFlow SavedModel for TensorFlow Serving',
	help: `
  Usage
    $ digits export --out DIR [options]

  Writes the model as a TensorFlow SavedModel in the layout TensorFlow Serving loads:
  DIR/<version>/saved_model.pb and an empty DIR/<version>/variables/ folder. The
  weights are constants inside the graph, so no checkpoint is needed: TensorFlow
  Serving, Python's tf.saved_model.load and tfjs-node all load it as it is. The version
  is 1 in a new or empty folder, else one more than the highest there, so Serving moves
  to the new one; it is checked against the model before it appears.

  Signature serving_default: input image, float32 [N,28,28,1] in 0 to 1, ink 1 on
  paper 0, centred as MNIST's digits are (digits predict does that step itself; the
  export holds only the network); output probabilities, float32 [N,10].

  Options
    --out DIR                the folder to write into (required)
    --model NAME             the model to export (default: the default model)
    --format savedmodel      the format (the only one, and the default)

  Examples
    $ digits export --out export
    $ digits export --model mine --format savedmodel --out serving/digits
`,
};
