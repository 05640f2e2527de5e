// The one input gate: the app's only useInput. Screens say which commands of their keymap
// they handle (useKeymap('home', {up, down, open})); the gate turns each key press into a
// command of the active keymap, sends printable keys to a focused text field, opens the
// help overlay on `?`, and quits on Ctrl-C from anywhere.
import {useInput, type Key} from 'ink';
import {createContext, useCallback, useContext, useLayoutEffect, useMemo, useRef, useState, type ReactNode} from 'react';
import {createMouseRouter, MouseContext} from './use-mouse.js';
import {KeyQueue, LayerStack, type Layer} from '../input/key-queue.js';
import {commandFor, keyName, keymaps, type CommandOf, type KeymapName, type KeyName, type KeyPress, type KeysInUse} from '../input/keymap.js';

type Gate = {
	push: (layer: Layer) => () => void;
	/** Called by every keymap owner after each of its commits. */
	committed: () => void;
	/** The keymap keys go to now: the help's while it is open. */
	active: KeymapName | undefined;
	helpOpen: boolean;
	setHelpOpen: (open: boolean) => void;
	/** The keymap the help overlay describes (the screen's). */
	described: KeymapName | undefined;
	/** Which keys of the described keymap's commands apply now, where its screen narrows them. */
	keysInUse: () => KeysInUse;
};

const GateContext = createContext<Gate | undefined>(undefined);

export function InputGate({onQuit, children}: {onQuit: () => void; children: ReactNode}) {
	const [top, setTop] = useState<KeymapName | undefined>();
	const [helpOpen, setHelpOpen] = useState(false);
	const helpRef = useRef(helpOpen);
	helpRef.current = helpOpen;
	const quitRef = useRef(onQuit);
	quitRef.current = onQuit;
	const layers = useMemo(() => new LayerStack(setTop), []);

	const keys = useMemo(() => {
		const handleOne = (input: string, key: KeyPress) => {
			const name = keyName(input, key);
			if (name === 'ctrl+c') {
				quitRef.current();
				return;
			}
			if (helpRef.current) {
				if (name !== undefined && commandFor(keymaps.help, name)) setHelpOpen(false);
				return;
			}
			const layer = layers.top();
			if (!layer) return;
			const binding = name === undefined ? undefined : commandFor(keymaps[layer.name], name);
			if (layer.onText.current) {
				// A focused field takes every printable key its keymap does not bind (q and ? too).
				if (binding && name) layer.handlers.current[binding.command]?.(name);
				else if (input && !key.ctrl && !key.meta && !/^[\u0000-\u001F]/.test(input)) layer.onText.current(input);
				return;
			}
			if (name === '?') setHelpOpen(true);
			else if (binding && name) layer.handlers.current[binding.command]?.(name);
		};
		return new KeyQueue(handleOne, () => Boolean(layers.top()?.onText.current) && !helpRef.current);
	}, [layers]);

	const push = useCallback((layer: Layer) => layers.push(layer), [layers]);
	const committed = useCallback(() => keys.committed(), [keys]);
	useLayoutEffect(committed);
	// Mouse reports arrive as text ("[<0;12;5M"): they go to the mouse listeners, never to keys.
	const mouse = useMemo(createMouseRouter, []);
	const onInput = useCallback(
		(input: string, key: Key) => {
			if (mouse.take(input)) return;
			// Ctrl-C quits from anywhere and never waits in the queue.
			if (keyName(input, key) === 'ctrl+c') quitRef.current();
			else keys.push(input, key);
		},
		[mouse, keys],
	);
	useInput(onInput);

	const keysInUse = useCallback(() => layers.top()?.inUse?.current ?? {}, [layers]);
	const gate = useMemo<Gate>(
		() => ({push, committed, active: helpOpen ? 'help' : top, helpOpen, setHelpOpen, described: top, keysInUse}),
		[push, committed, top, helpOpen, keysInUse],
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
export function useInputState(): Pick<Gate, 'active' | 'helpOpen' | 'described' | 'keysInUse'> {
	const {active, helpOpen, described, keysInUse} = useGate();
	return {active, helpOpen, described, keysInUse};
}

/**
 * Makes `name` the active keymap while mounted (and `active`), calling `handlers` for its
 * commands. With `onText`, a text field has focus: printable keys go there. `inUse` narrows
 * the keys of some commands to those that apply now, for the help.
 */
export function useKeymap<Name extends KeymapName>(
	name: Name,
	handlers: Partial<Record<CommandOf<Name>, (key: KeyName) => void>>,
	{active = true, onText, priority = 0, inUse}: {active?: boolean; onText?: (text: string) => void; priority?: number; inUse?: Partial<Record<CommandOf<Name>, readonly KeyName[]>>} = {},
): void {
	const {push, committed} = useGate();
	// Every commit of a screen tells the gate, which may be waiting to handle the next key.
	useLayoutEffect(committed);
	const handlersRef = useRef<Layer['handlers']['current']>(handlers);
	handlersRef.current = handlers;
	const textRef = useRef(onText);
	textRef.current = onText;
	const inUseRef = useRef<KeysInUse | undefined>(inUse);
	inUseRef.current = inUse;
	const hasText = onText !== undefined;
	// A layout effect: the keymap is in place before the next key is handled.
	useLayoutEffect(() => {
		if (!active) return;
		// A layer without a field must not see a stale onText from an earlier render.
		const onTextRef = hasText ? textRef : {current: undefined};
		return push({name, priority, handlers: handlersRef, onText: onTextRef, inUse: inUseRef});
	}, [active, name, hasText, priority, push]);
}
