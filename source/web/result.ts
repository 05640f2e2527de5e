// A prediction on screen: the digit large, its confidence, a doubt when it is low, ten
// probability bars, and the 28×28 the model saw.
import {byId, el, percent} from './dom.js';
import {failed, type Outcome, type Prediction} from './types.js';

/** Below this confidence the answer names its two best guesses instead of sounding sure. */
const sureEnough = 0.6;

/** "Not sure: A or B?" with the two most probable digits, when the answer is not sure enough. */
export function doubt({confidence, probabilities}: Pick<Prediction, 'confidence' | 'probabilities'>): string | undefined {
	if (confidence >= sureEnough) return undefined;
	const [best, second] = probabilities
		.map((p, digit) => ({p, digit}))
		.sort((a, b) => b.p - a.p)
		.map(({digit}) => digit);
	return `Not sure: ${best} or ${second}?`;
}

/** Paints the 784 values (0..1, row by row) as white ink on black, one canvas pixel each. */
export function paintInput(canvas: HTMLCanvasElement, input: number[] | undefined): void {
	const context = canvas.getContext('2d')!;
	const image = context.createImageData(28, 28);
	for (let i = 0; i < 28 * 28; i++) {
		const level = Math.round((input?.[i] ?? 0) * 255);
		image.data.set([level, level, level, 255], i * 4);
	}
	context.putImageData(image, 0, 0);
}

/** The drawing pad's answer panel (its elements are in index.html). */
export class AnswerPanel {
	private readonly digit = byId('answer-digit');
	private readonly confidence = byId('answer-confidence');
	private readonly doubt = byId('answer-doubt');
	private readonly seen = byId<HTMLCanvasElement>('answer-input');
	private readonly panel = byId('answer');
	private readonly bars: Array<{row: HTMLElement; fill: HTMLElement; value: HTMLElement}>;

	constructor() {
		const list = byId('answer-bars');
		this.bars = Array.from({length: 10}, (_, digit) => {
			const fill = el('span', {class: 'fill'});
			const value = el('span', {class: 'value'}, '–');
			const row = el('li', {}, el('span', {class: 'label'}, String(digit)), el('span', {class: 'track'}, fill), value);
			list.append(row);
			return {row, fill, value};
		});
		this.clear();
	}

	/** Busy while a stroke goes on or its answer is on the way (screen readers wait; tests too). */
	busy(busy: boolean): void {
		this.panel.setAttribute('aria-busy', String(busy));
	}

	/** No drawing: a hint instead of an answer. */
	clear(message = 'Draw a digit in the box.'): void {
		this.digit.textContent = '?';
		this.digit.classList.add('empty');
		this.confidence.textContent = message;
		this.doubt.hidden = true;
		for (const bar of this.bars) this.setBar(bar, 0, false);
		paintInput(this.seen, undefined);
	}

	show(outcome: Outcome): void {
		if (failed(outcome)) {
			this.clear(outcome.error === 'no digit found' ? 'No digit found: draw a little more.' : outcome.error);
			return;
		}
		const unsure = doubt(outcome);
		this.digit.textContent = String(outcome.digit);
		this.digit.classList.remove('empty');
		this.confidence.textContent = `${percent(outcome.confidence)} sure`;
		this.doubt.hidden = unsure === undefined;
		this.doubt.textContent = unsure ?? '';
		this.bars.forEach((bar, digit) => this.setBar(bar, outcome.probabilities[digit] ?? 0, digit === outcome.digit));
		paintInput(this.seen, outcome.input);
	}

	private setBar(bar: {row: HTMLElement; fill: HTMLElement; value: HTMLElement}, probability: number, top: boolean): void {
		bar.fill.style.width = percent(probability, 2);
		bar.value.textContent = probability > 0 ? percent(probability, 1) : '–';
		bar.row.classList.toggle('top', top);
	}
}
