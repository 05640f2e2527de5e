// The one input gate: the app's only useInput. Screens say which commands of their keymap
// they handle (useKeymap('home', {up, down, open})); the gate turns each key press into a
// command of the active keymap, sends printable keys to a focused text field, opens the
// help overlay on `?`, and quits on Ctrl-C from anywhere.
import {useInput, type Key} from 'ink';
import {createContext, useCallback, useContext, useLayoutEffect, useMemo, useRef, useState, type ReactNode} from 'react';
import {createMouseRouter, MouseContext} from './use-mouse.js';
import {commandFor, keyName, keymaps, isKeyBurst, nextKey, type CommandOf, type KeymapName, type KeyName, type KeyPress} from '../input/keymap.js';

type Handlers = Partial<Record<string, (key: KeyName) => void>>;

type Layer = {
	name: KeymapName;
	/** Overlays (too-small message) sit above screens whatever order they mount in. */
	priority: number;
	order: number;
	handlers: {current: Handlers};
	onText: {current?: (text: string) => void};
};

type Gate = {
	push: (layer: Omit<Layer, 'order'>) => () => void;
	/** Called by every keymap owner after each of its commits. */
	committed: () => void;
	/** The keymap keys go to now: the help's while it is open. */
	active: KeymapName | undefined;
	helpOpen: boolean;
	setHelpOpen: (open: boolean) => void;
	/** The keymap the help overlay describes (the screen's). */
	described: KeymapName | undefined;
};

/** How long the next key waits for the screen to redraw after a key that changed nothing. */
const settleMs = 150;

const GateContext = createContext<Gate | undefined>(undefined);

export function InputGate({onQuit, children}: {onQuit: () => void; children: ReactNode}) {
	const layers = useRef<Layer[]>([]);
	const nextOrder = useRef(0);
	const [top, setTop] = useState<KeymapName | undefined>();
	const [helpOpen, setHelpOpen] = useState(false);
	const helpRef = useRef(helpOpen);
	helpRef.current = helpOpen;
	const quitRef = useRef(onQuit);
	quitRef.current = onQuit;

	const topLayer = () =>
		layers.current.reduce<Layer | undefined>(
			(best, layer) => (!best || layer.priority > best.priority || (layer.priority === best.priority && layer.order > best.order) ? layer : best),
			undefined,
		);

	const push = useCallback((layer: Omit<Layer, 'order'>) => {
		const entry = {...layer, order: nextOrder.current++};
		layers.current.push(entry);
		setTop(topLayer()?.name);
		return () => {
			layers.current = layers.current.filter(other => other !== entry);
			setTop(topLayer()?.name);
		};
	}, []);

	const handleOne = (input: string, key: Key | KeyPress) => {
		const name = keyName(input, key);
		if (name === 'ctrl+c') {
			quitRef.current();
			return;
		}
		if (helpRef.current) {
			if (name !== undefined && commandFor(keymaps.help, name)) setHelpOpen(false);
			return;
		}
		const layer = topLayer();
		if (!layer) return;
		const binding = name === undefined ? undefined : commandFor(keymaps[layer.name], name);
		if (layer.onText.current) {
			// A focused field takes every printable key its keymap does not bind (q and ? too).
			if (binding) layer.handlers.current[binding.command]?.(name!);
			else if (input && !key.ctrl && !key.meta && !/^[\u0000-\u001F]/.test(input)) layer.onText.current(input);
			return;
		}
		if (name === '?') {
			setHelpOpen(true);
			return;
		}
		if (binding) layer.handlers.current[binding.command]?.(name!);
	};
	// Keys are handled one at a time, each after React has drawn what the previous one did:
	// it renders an update a little later, and the next key must meet the screen (and the
	// keymap) that the previous one left. Keys typed quickly, sent by tmux, or bunched up by a
	// slow SSH link wait their turn; Ctrl-C never waits. Text for a focused field goes in one piece.
	const queue = useRef<Array<{input: string; key: KeyPress; burst: boolean}>>([]);
	const settling = useRef<(() => void) | undefined>(undefined);
	const settle = () => {
		let done = false;
		const go = () => {
			if (done) return;
			done = true;
			settling.current = undefined;
			setTimeout(replay, 0);
		};
		settling.current = go;
		// A key that changes nothing causes no commit.
		setTimeout(go, settleMs);
	};
	const replay = () => {
		const first = queue.current[0];
		if (!first) return;
		if (first.burst) {
			const next = nextKey(first.input, Boolean(topLayer()?.onText.current) && !helpRef.current);
			if (next && next.rest !== '') first.input = next.rest;
			else queue.current.shift();
			if (next) handleOne(next.input, next.key);
		} else {
			queue.current.shift();
			handleOne(first.input, first.key);
		}
		settle();
	};
	const committed = useCallback(() => settling.current?.(), []);
	useLayoutEffect(committed);
	// Mouse reports arrive as text ("[<0;12;5M"): they go to the mouse listeners, never to keys.
	const mouse = useMemo(createMouseRouter, []);
	const handle = useCallback((input: string, key: Key) => {
		if (mouse.take(input)) return;
		if (keyName(input, key) === 'ctrl+c') {
			quitRef.current();
			return;
		}
		queue.current.push({input, key, burst: isKeyBurst(input, key)});
		if (!settling.current && queue.current.length === 1) replay();
	}, []);
	useInput(handle);

	const gate = useMemo<Gate>(
		() => ({push, committed, active: helpOpen ? 'help' : top, helpOpen, setHelpOpen, described: top}),
		[push, committed, top, helpOpen],
	);
	return (
		<GateContext.Provider value={gate}>
			<MouseContext.Provider value={mouse}>{children}</MouseContext.Provider>
		</GateContext.Provider>
	);
}

function useGate(): Gate {
	const gate = useContext(GateContext);
	if (!gate) throw new Error('useKeymap() needs an <InputGate> above it.');
	return gate;
}

/** Which keymap is active and whether the help is open, for the status line and the overlay. */
export function useInputState(): Pick<Gate, 'active' | 'helpOpen' | 'described'> {
	const {active, helpOpen, described} = useGate();
	return {active, helpOpen, described};
}

/**
 * Makes `name` the active keymap while mounted (and `active`), calling `handlers` for its
 * commands. With `onText`, a text field has focus: printable keys go there.
 */
export function useKeymap<Name extends KeymapName>(
	name: Name,
	handlers: Partial<Record<CommandOf<Name>, (key: KeyName) => void>>,
	{active = true, onText, priority = 0}: {active?: boolean; onText?: (text: string) => void; priority?: number} = {},
): void {
	const {push, committed} = useGate();
	// Every commit of a screen tells the gate, which may be waiting to handle the next key.
	useLayoutEffect(committed);
	const handlersRef = useRef<Handlers>(handlers);
	handlersRef.current = handlers;
	const textRef = useRef(onText);
	textRef.current = onText;
	const hasText = onText !== undefined;
	// A layout effect: the keymap is in place before the next key is handled.
	useLayoutEffect(() => {
		if (!active) return;
		// A layer without a field must not see a stale onText from an earlier render.
		const onTextRef = hasText ? textRef : {current: undefined};
		return push({name, priority, handlers: handlersRef, onText: onTextRef});
	}, [active, name, hasText, priority, push]);
}
