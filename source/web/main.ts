// The page's wiring: three tabs (#draw, #upload, #model) switched by the address's hash, the
// model picker (this tab's choice, sent with every request), the token form, keys and paste.
import {ApiError, chooseModel, chosenModel, listModels, onTokenNeeded, predictImage} from './api.js';
import {byId, el, percent} from './dom.js';
import {DrawingPad} from './draw.js';
import {ModelPage} from './model-page.js';
import {AnswerPanel} from './result.js';
import {Uploads} from './upload.js';
import type {ModelList} from './types.js';

const tabs = ['draw', 'upload', 'model'] as const;
type Tab = (typeof tabs)[number];

const answer = new AnswerPanel();
const uploads = new Uploads();
const modelPage = new ModelPage();
const problem = byId('problem');
let defaultModel: string | undefined;

const pad = new DrawingPad(
	byId<HTMLCanvasElement>('pad'),
	async image => {
		if (!image) {
			answer.clear();
			return;
		}
		try {
			answer.show(await predictImage(image));
			report(undefined);
		} catch (error) {
			report(error);
		}
	},
	settled => answer.busy(!settled),
);

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
function askToken(reason: string): Promise<string> {
	const dialog = byId<HTMLDialogElement>('token-dialog');
	const form = byId<HTMLFormElement>('token-form');
	const field = byId<HTMLInputElement>('token-input');
	byId('token-reason').textContent = reason;
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
	if (currentTab() !== 'draw' || target.closest('input, select, textarea, dialog')) return;
	const undo = (event.key === 'z' && (event.ctrlKey || event.metaKey) && !event.shiftKey) || (event.key === 'Backspace' && !event.ctrlKey && !event.metaKey);
	if (undo) pad.undo();
	else if (event.key === 'c' && !event.ctrlKey && !event.metaKey && !event.altKey) pad.clear();
	else return;
	event.preventDefault();
}

onTokenNeeded(askToken);
byId('clear').addEventListener('click', () => pad.clear());
byId('undo').addEventListener('click', () => pad.undo());
byId<HTMLSelectElement>('model-picker').addEventListener('change', event => pickModel((event.target as HTMLSelectElement).value));
document.addEventListener('keydown', onKey);
document.addEventListener('paste', event => {
	if (uploads.paste(event)) location.hash = '#upload';
});
window.addEventListener('hashchange', showTab);
listModels()
	.then(list => {
		fillPicker(list);
		showTab();
	})
	.catch(report);
showTab();
