// A small seeded generator, so `--seed` gives the same shuffles on every run and backend.

/** mulberry32: fast, 32-bit state, good enough for shuffling. Returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Fisher–Yates shuffle of 0..count-1 drawn from `random`. */
export function shuffledIndices(count: number, random: () => number): Int32Array {
	const indices = new Int32Array(count);
	for (let i = 0; i < count; i++) indices[i] = i;
	for (let i = count - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		const swap = indices[i]!;
		indices[i] = indices[j]!;
		indices[j] = swap;
	}
	return indices;
}
