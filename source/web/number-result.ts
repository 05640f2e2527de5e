// A number read from the drawing: the number large, how sure (the product of its digits'
// confidences), a box over the drawing around each digit with what it was read as, and per
// digit the 28×28 the model saw with its own confidence.
import {byId, el, percent} from './dom.js';
import {doubt, paintInput} from './result.js';
import {failed, type Box, type NumberDigit, type NumberOutcome} from './types.js';

/** Below this confidence a digit (and its box) is marked as unsure. */
const sureEnough = 0.6;

/** A box in a picture of `width`×`height` as shares of it (CSS percentages), so it follows the picture at any size. */
export function boxPlacement(box: Box, width: number, height: number): {left: string; top: string; width: string; height: string} {
	const share = (value: number, whole: number) => `${((value / whole) * 100).toFixed(3)}%`;
	return {left: share(box.x, width), top: share(box.y, height), width: share(box.width, width), height: share(box.height, height)};
}

/** "Not sure of the 2nd digit: 3 or 5?" for the least sure digit, when it is not sure enough. */
export function numberDoubt(digits: NumberDigit[]): string | undefined {
	const weakest = digits.reduce<{digit: NumberDigit; index: number} | undefined>((low, digit, index) => (!low || digit.confidence < low.digit.confidence ? {digit, index} : low), undefined);
	if (!weakest || weakest.digit.confidence >= sureEnough) return undefined;
	return `${doubt(weakest.digit)!.replace(/^Not sure/, `Not sure of the ${ordinal(weakest.index + 1)} digit`)}`;
}

function ordinal(n: number): string {
	const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
	return `${n}${suffix}`;
}

/** The number panel of the Draw tab and the boxes over the pad (their elements are in index.html). */
export class NumberPanel {
	private readonly value = byId('number-value');
	private readonly confidence = byId('number-confidence');
	private readonly doubt = byId('number-doubt');
	private readonly digits = byId<HTMLOListElement>('number-digits');
	private readonly boxes = byId('pad-boxes');
	private readonly panel = byId('number-answer');

	busy(busy: boolean): void {
		this.panel.setAttribute('aria-busy', String(busy));
	}

	clear(message = 'Write a number in the box, its digits side by side.'): void {
		this.value.textContent = '?';
		this.value.classList.add('empty');
		this.confidence.textContent = message;
		this.doubt.hidden = true;
		this.digits.replaceChildren();
		this.boxes.replaceChildren();
	}

	/** `size` is the drawing's size in pixels, what the boxes are measured in. */
	show(outcome: NumberOutcome, size: {width: number; height: number}): void {
		if (failed(outcome)) {
			this.clear(outcome.error === 'no digit found' ? 'No digit found: write a little more.' : outcome.error);
			return;
		}
		const unsure = numberDoubt(outcome.digits);
		this.value.textContent = outcome.number;
		this.value.classList.remove('empty');
		this.confidence.textContent = `${percent(outcome.confidence)} sure`;
		this.doubt.hidden = unsure === undefined;
		this.doubt.textContent = unsure ?? '';
		this.digits.replaceChildren(...outcome.digits.map((digit, index) => this.digitRow(digit, index)));
		this.boxes.replaceChildren(...outcome.digits.map(digit => this.box(digit, size)));
	}

	private digitRow(digit: NumberDigit, index: number): HTMLLIElement {
		const seen = el('canvas', {class: 'seen', width: 28, height: 28, title: 'What the model sees'});
		paintInput(seen, digit.input);
		const unsure = digit.confidence < sureEnough;
		return el(
			'li',
			{class: unsure ? 'unsure' : undefined, 'aria-label': `digit ${index + 1}: ${digit.digit}, ${percent(digit.confidence)} sure`},
			seen,
			el('span', {class: 'number-digit'}, String(digit.digit)),
			el('span', {class: 'number-digit-confidence'}, percent(digit.confidence)),
		);
	}

	private box(digit: NumberDigit, {width, height}: {width: number; height: number}): HTMLElement {
		// A box at the top edge has its label inside it, where the pad still shows it.
		const classes = ['digit-box', digit.confidence < sureEnough ? 'unsure' : '', digit.box.y < height * 0.1 ? 'label-inside' : ''].filter(Boolean).join(' ');
		const box = el('div', {class: classes}, el('span', {class: 'digit-box-label'}, String(digit.digit)));
		Object.assign(box.style, boxPlacement(digit.box, width, height));
		return box;
	}
}
