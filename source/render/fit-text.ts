// Text that must fit a width is shortened by design: whole hints are left out, never a
// word cut in half.

/** The status line's key hints ("↑↓ move  Enter open  ? help"): as many whole hints as fit in `width`, the last one (help) always. */
export function fitHints(hints: ReadonlyArray<{keys: string; label: string}>, width: number): string {
	const parts = hints.map(hint => `${hint.keys} ${hint.label}`);
	const last = parts.at(-1);
	const kept = parts.slice(0, -1);
	const joined = () => [...kept, ...(last === undefined ? [] : [last])].join('  ');
	while (kept.length > 0 && joined().length > width) kept.pop();
	return joined();
}
