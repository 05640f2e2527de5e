// The input gate's two parts that need no React: the stack of keymap layers the mounted
// screens push, and the queue that hands key presses over one at a time.
import {isKeyBurst, nextKey, type KeymapName, type KeyName, type KeyPress, type KeysInUse} from './keymap.js';

export type Layer = {
	name: KeymapName;
	/** Overlays (too-small message) sit above screens whatever order they mount in. */
	priority: number;
	handlers: {current: Partial<Record<string, (key: KeyName) => void>>};
	onText: {current?: (text: string) => void};
	/** Keys of some commands that apply now (the help lists only these). */
	inUse?: {current?: KeysInUse};
};

/** The keymaps of the mounted screens; the one on top gets the keys. */
export class LayerStack {
	private layers: Array<Layer & {order: number}> = [];
	private nextOrder = 0;

	/** `onChange` hears the top keymap's name after every push and removal. */
	constructor(private readonly onChange: (top: KeymapName | undefined) => void) {}

	/** Adds a layer; returns the function that removes it. */
	push(layer: Layer): () => void {
		const entry = {...layer, order: this.nextOrder++};
		this.layers.push(entry);
		this.onChange(this.top()?.name);
		return () => {
			this.layers = this.layers.filter(other => other !== entry);
			this.onChange(this.top()?.name);
		};
	}

	top(): Layer | undefined {
		return this.layers.reduce<(Layer & {order: number}) | undefined>(
			(best, layer) => (!best || layer.priority > best.priority || (layer.priority === best.priority && layer.order > best.order) ? layer : best),
			undefined,
		);
	}
}

/** How long the next key waits for the screen to redraw after a key that changed nothing. */
const settleMs = 150;

/**
 * Keys are handled one at a time, each after the screen has drawn what the previous one did:
 * React renders an update a little later, and the next key must meet the screen (and the
 * keymap) that the previous one left. Keys typed quickly, sent by tmux, or bunched up by a
 * slow SSH link wait their turn. Text for a focused field goes in one piece.
 */
export class KeyQueue {
	private readonly queue: Array<{input: string; key: KeyPress; burst: boolean}> = [];
	private settling: (() => void) | undefined;

	constructor(
		private readonly handle: (input: string, key: KeyPress) => void,
		/** Whether a text field has the keys now (a burst then goes in whole). */
		private readonly textFocused: () => boolean,
	) {}

	push(input: string, key: KeyPress): void {
		this.queue.push({input, key, burst: isKeyBurst(input, key)});
		if (!this.settling && this.queue.length === 1) this.replay();
	}

	/** The screen has drawn: the next key may go. */
	committed(): void {
		this.settling?.();
	}

	private replay(): void {
		const first = this.queue[0];
		if (!first) return;
		if (first.burst) {
			const next = nextKey(first.input, this.textFocused());
			if (next && next.rest !== '') first.input = next.rest;
			else this.queue.shift();
			if (next) this.handle(next.input, next.key);
		} else {
			this.queue.shift();
			this.handle(first.input, first.key);
		}
		this.settle();
	}

	private settle(): void {
		let done = false;
		const go = () => {
			if (done) return;
			done = true;
			this.settling = undefined;
			setTimeout(() => this.replay(), 0);
		};
		this.settling = go;
		// A key that changes nothing causes no commit.
		setTimeout(go, settleMs);
	}
}
