// Mouse input for screens that want it. The input gate hands every input to the router
// first (Ink's one useInput is the only reader of stdin); reports go to the listener of
// the screen that asked, never to the key handling. A screen also switches reporting on
// while it is open and off again when it closes (terminal.ts turns it off on every exit).
import {useStdout} from 'ink';
import {createContext, useContext, useEffect, useRef} from 'react';
import {createMouseReader, mouseOff, mouseOn, type MouseEvent} from '../input/mouse.js';

export type MouseRouter = {
	/** True when the input was mouse input (and has been delivered); false for a key. */
	take: (input: string) => boolean;
	listen: (listener: (event: MouseEvent) => void) => () => void;
};

export function createMouseRouter(): MouseRouter {
	const reader = createMouseReader();
	const listeners = new Set<(event: MouseEvent) => void>();
	return {
		take(input) {
			const events = reader.read(input);
			if (!events) return false;
			for (const event of events) for (const listener of listeners) listener(event);
			return true;
		},
		listen(listener) {
			listeners.add(listener);
			return () => {
				listeners.delete(listener);
			};
		},
	};
}

export const MouseContext = createContext<MouseRouter | undefined>(undefined);

/** Calls `handler` for each mouse event while `active`. */
export function useMouse(handler: (event: MouseEvent) => void, {active = true}: {active?: boolean} = {}): void {
	const router = useContext(MouseContext);
	const handlerRef = useRef(handler);
	handlerRef.current = handler;
	useEffect(() => {
		if (!router || !active) return;
		return router.listen(event => handlerRef.current(event));
	}, [router, active]);
}

/** Asks the terminal for mouse reports while mounted; switches them off on unmount. */
export function useMouseReporting(): void {
	const {stdout} = useStdout();
	useEffect(() => {
		// Plain escape codes move no cursor, so Ink's own drawing is not disturbed.
		stdout.write(mouseOn);
		return () => {
			stdout.write(mouseOff);
		};
	}, [stdout]);
}
