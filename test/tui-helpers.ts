// Helpers for driving the TUI through ink-testing-library: key codes and waiting for a frame.

export const keys = {
	enter: '\r',
	escape: '\u001B',
	down: '\u001B[B',
	up: '\u001B[A',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	home: '\u001B[H',
	end: '\u001B[F',
	backspace: '\u007F',
	ctrlC: '\u0003',
	ctrlU: '\u0015',
} as const;

export const delay = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

/** Polls until the last frame passes `check` (returns it), or fails with the frame it saw. */
export async function waitForFrame(lastFrame: () => string | undefined, check: (frame: string) => boolean, timeoutMs = 5000): Promise<string> {
	const started = Date.now();
	for (;;) {
		const frame = lastFrame() ?? '';
		if (check(frame)) return frame;
		if (Date.now() - started > timeoutMs) throw new Error(`no such frame within ${timeoutMs} ms; the last one was:\n${frame}`);
		await delay(20);
	}
}
