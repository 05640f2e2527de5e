// Pictures from files: the picker (phones offer the camera), a drop zone and the clipboard.
// All files of one pick go in one multipart request; each gets a row with its answer or the
// server's sentence for why it could not be read. In number mode each picture is one number.
import {predictFiles, readNumberFiles} from './api.js';
import {byId, el, percent} from './dom.js';
import {numberDoubt} from './number-result.js';
import {doubt, paintInput} from './result.js';
import {failed, type NumberOutcome, type Outcome} from './types.js';

export class Uploads {
	private readonly list = byId<HTMLOListElement>('upload-results');
	private readonly status = byId('upload-status');
	private readonly thumbnails: string[] = [];
	private numbers = false;

	constructor() {
		const picker = byId<HTMLInputElement>('upload-input');
		picker.addEventListener('change', () => {
			void this.send([...(picker.files ?? [])]);
			// The same file picked again is a new pick.
			picker.value = '';
		});
		const zone = byId('drop-zone');
		zone.addEventListener('dragover', event => {
			event.preventDefault();
			zone.classList.add('over');
		});
		zone.addEventListener('dragleave', () => zone.classList.remove('over'));
		zone.addEventListener('drop', event => {
			event.preventDefault();
			zone.classList.remove('over');
			void this.send([...(event.dataTransfer?.files ?? [])]);
		});
	}

	/** Whether each picture is read as a whole number (from now on). */
	readNumbers(numbers: boolean): void {
		this.numbers = numbers;
		byId('drop-title').textContent = numbers ? 'Choose pictures of numbers' : 'Choose pictures of digits';
		byId('upload-what').textContent = numbers ? 'one number per picture' : 'one digit per picture';
	}

	/** Files pasted anywhere on the page; true when there were any. */
	paste(event: ClipboardEvent): boolean {
		const files = [...(event.clipboardData?.files ?? [])];
		if (files.length === 0) return false;
		void this.send(files);
		return true;
	}

	async send(files: File[]): Promise<void> {
		if (files.length === 0) return;
		this.status.textContent = files.length === 1 ? 'Reading 1 picture…' : `Reading ${files.length} pictures…`;
		for (const url of this.thumbnails.splice(0)) URL.revokeObjectURL(url);
		this.list.replaceChildren();
		try {
			const outcomes = this.numbers ? await readNumberFiles(files) : await predictFiles(files);
			this.list.replaceChildren(...outcomes.map((outcome, i) => ('number' in outcome ? this.numberRow(files[i]!, outcome) : this.row(files[i]!, outcome))));
			const read = outcomes.filter(outcome => !failed(outcome)).length;
			this.status.textContent = `${read} of ${outcomes.length} read.`;
		} catch (error) {
			this.status.textContent = (error as Error).message;
		}
	}

	private thumbnail(file: File): HTMLImageElement {
		const url = URL.createObjectURL(file);
		this.thumbnails.push(url);
		const thumbnail = el('img', {class: 'thumbnail', src: url, alt: ''});
		// A file the browser cannot show either gets an empty tile, not the broken-image icon.
		thumbnail.addEventListener('error', () => thumbnail.classList.add('unreadable'));
		return thumbnail;
	}

	private failedRow(file: File, error: string): HTMLLIElement {
		return el('li', {class: 'failed'}, this.thumbnail(file), el('div', {class: 'row-text'}, el('span', {class: 'file-name'}, file.name), el('span', {class: 'error'}, error)));
	}

	private row(file: File, outcome: Outcome): HTMLLIElement {
		if (failed(outcome)) return this.failedRow(file, outcome.error);
		const thumbnail = this.thumbnail(file);
		const name = el('span', {class: 'file-name'}, file.name);
		const seen = el('canvas', {class: 'seen', width: 28, height: 28, title: 'What the model sees'});
		paintInput(seen, outcome.input);
		const verdict = doubt(outcome) ?? `${percent(outcome.confidence)} sure`;
		return el(
			'li',
			{},
			thumbnail,
			seen,
			el('div', {class: 'row-text'}, name, el('span', {class: 'verdict'}, verdict)),
			el('span', {class: 'row-digit', 'aria-label': `digit ${outcome.digit}`}, String(outcome.digit)),
		);
	}

	/** A number: the picture, each digit's 28×28 in a strip, how sure, and the number. */
	private numberRow(file: File, outcome: NumberOutcome): HTMLLIElement {
		if (failed(outcome)) return this.failedRow(file, outcome.error);
		const strip = el('span', {class: 'seen-strip', title: 'What the model sees'});
		for (const digit of outcome.digits) {
			const seen = el('canvas', {class: 'seen', width: 28, height: 28});
			paintInput(seen, digit.input);
			strip.append(seen);
		}
		const verdict = numberDoubt(outcome.digits) ?? `${percent(outcome.confidence)} sure`;
		return el(
			'li',
			{class: 'number-row'},
			this.thumbnail(file),
			el('div', {class: 'row-text'}, el('span', {class: 'file-name'}, file.name), el('span', {class: 'verdict'}, verdict), strip),
			el('span', {class: 'row-digit', 'aria-label': `number ${outcome.number}`}, outcome.number),
		);
	}
}
