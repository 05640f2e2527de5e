// The page's wiring: three tabs (#draw, #upload, #model) switched by the address's hash, the
// model picker (this tab's choice, sent with every request), what a picture holds (one digit
// or a whole number: a wider pad, numbers from uploads), the token form, keys and paste.
import {ApiError, chooseModel, chosenModel, listModels, onTokenNeeded, predictImage, readNumberImage} from './api.js';
import {byId, el, percent} from './dom.js';
import {DrawingPad} from './draw.js';
import {ModelPage} from './model-page.js';
import {NumberPanel} from './number-result.js';
import {AnswerPanel} from './result.js';
import {Uploads} from './upload.js';
import type {ModelList} from './types.js';

const tabs = ['draw', 'upload', 'model'] as const;
type Tab = (typeof tabs)[number];

type Mode = 'digit' | 'number';
const modeKey = 'digits.read';
/** The pad's width in its own pixels for each mode (its height stays 280): a number gets room for several digits. */
const padWidths: Record<Mode, number> = {digit: 280, number: 700};

const answer = new AnswerPanel();
const numberAnswer = new NumberPanel();
const uploads = new Uploads();
const modelPage = new ModelPage();
const problem = byId('problem');
let defaultModel: string | undefined;
let mode: Mode = sessionStorage.getItem(modeKey) === 'number' ? 'number' : 'digit';

const pad = new DrawingPad(
	byId<HTMLCanvasElement>('pad'),
	async image => {
		const asked = mode;
		try {
			if (asked === 'number') {
				const outcome = image ? await readNumberImage(image) : undefined;
				if (asked !== mode) return;
				if (outcome) numberAnswer.show(outcome, pad.size);
				else numberAnswer.clear();
			} else {
				const outcome = image ? await predictImage(image) : undefined;
				if (asked !== mode) return;
				if (outcome) answer.show(outcome);
				else answer.clear();
			}
			report(undefined);
		} catch (error) {
			report(error);
		}
	},
	settled => {
		answer.busy(!settled);
		numberAnswer.busy(!settled);
	},
);

/** One digit or a whole number: the pad's width and hint, which answer shows, what uploads read. */
function setMode(next: Mode): void {
	mode = next;
	sessionStorage.setItem(modeKey, next);
	const number = next === 'number';
	for (const name of ['digit', 'number'] as const) byId(`mode-${name}`).setAttribute('aria-pressed', String(name === next));
	byId('panel-draw').classList.toggle('number', number);
	byId('answer').hidden = number;
	byId('number-answer').hidden = !number;
	byId('pad-hint').textContent = number ? 'Write a number, its digits side by side, a little apart.' : 'Draw one digit, large, in the middle.';
	byId('pad').setAttribute('aria-label', number ? 'Drawing pad: write a number with the mouse, a finger or a pen' : 'Drawing pad: draw one digit with the mouse, a finger or a pen');
	uploads.readNumbers(number);
	answer.clear();
	numberAnswer.clear();
	pad.resize(padWidths[next]);
}

/** A failed call in the banner at the top (cleared by the next call that works). */
function report(error: unknown): void {
	problem.hidden = error === undefined;
	problem.textContent = error === undefined ? '' : error instanceof ApiError ? error.message : `The server cannot be reached (${(error as Error).message}).`;
}

function currentTab(): Tab {
	const hash = location.hash.slice(1);
	return (tabs as readonly string[]).includes(hash) ? (hash as Tab) : 'draw';
}

function showTab(): void {
	const tab = currentTab();
	for (const name of tabs) {
		const link = byId(`tab-${name}`);
		if (name === tab) link.setAttribute('aria-current', 'page');
		else link.removeAttribute('aria-current');
		byId(`panel-${name}`).hidden = name !== tab;
	}
	// What a picture holds matters to drawing and uploading only.
	byId('read-mode').hidden = tab === 'model';
	if (tab === 'model') void showModel();
}

async function showModel(): Promise<void> {
	const name = chosenModel() ?? defaultModel;
	if (name !== undefined) await modelPage.show(name);
}

/** The picker lists the server's models; "default" follows the server's --model. */
function fillPicker({defaultModel: fallback, models}: ModelList): void {
	defaultModel = fallback;
	const picker = byId<HTMLSelectElement>('model-picker');
	const options = models.map(model => {
		const accuracy = model.testAccuracy === null ? '' : ` · ${percent(model.testAccuracy)}`;
		return el('option', {value: model.name}, `${model.name}${model.isDefault ? ' (default)' : ''}${accuracy}`);
	});
	picker.replaceChildren(...options);
	// A choice from earlier in this tab that the server no longer has falls back to the default.
	const chosen = chosenModel();
	if (chosen !== undefined && !models.some(model => model.name === chosen)) chooseModel(undefined);
	picker.value = chosenModel() ?? fallback;
	picker.disabled = false;
}

function pickModel(name: string): void {
	chooseModel(name === defaultModel ? undefined : name);
	if (!pad.empty) pad.refresh();
	if (currentTab() === 'model') void showModel();
}

/** The token form: shown when the server answers 401, resolved when the user sends a token. */
function askToken(refused: string | undefined): Promise<string> {
	const dialog = byId<HTMLDialogElement>('token-dialog');
	const form = byId<HTMLFormElement>('token-form');
	const field = byId<HTMLInputElement>('token-input');
	byId('token-reason').textContent = refused ?? 'Ask whoever started digits serve for the token it was given (--token).';
	field.value = '';
	dialog.showModal();
	return new Promise(resolve => {
		form.addEventListener(
			'submit',
			event => {
				event.preventDefault();
				dialog.close();
				resolve(field.value.trim());
			},
			{once: true},
		);
	});
}

function onKey(event: KeyboardEvent): void {
	const target = event.target as HTMLElement;
	if (currentTab() === 'model' || target.closest('input, select, textarea, dialog')) return;
	const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
	const undo = (event.key === 'z' && (event.ctrlKey || event.metaKey) && !event.shiftKey) || (event.key === 'Backspace' && !event.ctrlKey && !event.metaKey);
	if (event.key === 'n' && plain) setMode(mode === 'number' ? 'digit' : 'number');
	else if (currentTab() !== 'draw') return;
	else if (undo) pad.undo();
	else if (event.key === 'c' && plain) pad.clear();
	else return;
	event.preventDefault();
}

onTokenNeeded(askToken);
// Without a token nothing on the page works: Esc does not close the form (the calls wait on it).
byId('token-dialog').addEventListener('cancel', event => event.preventDefault());
byId('clear').addEventListener('click', () => pad.clear());
byId('mode-digit').addEventListener('click', () => setMode('digit'));
byId('mode-number').addEventListener('click', () => setMode('number'));
byId('undo').addEventListener('click', () => pad.undo());
byId<HTMLSelectElement>('model-picker').addEventListener('change', event => pickModel((event.target as HTMLSelectElement).value));
document.addEventListener('keydown', onKey);
document.addEventListener('paste', event => {
	if (uploads.paste(event)) location.hash = '#upload';
});
window.addEventListener('hashchange', showTab);
setMode(mode);
listModels()
	.then(list => {
		fillPicker(list);
		showTab();
	})
	.catch(report);
showTab();
