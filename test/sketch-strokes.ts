// Keyboard stroke scripts for the digits 0–9, as a person draws them on the 28×28 pad:
// each stroke is a polyline of pixels; the keys move there with the pen up, press p, follow
// the line (counts for straight runs, "3j h 3j h" staircases for slants), and press p again.
// The cursor starts at (13, 13).

type Pixel = readonly [x: number, y: number];

export const digitStrokes: Record<number, readonly (readonly Pixel[])[]> = {
	0: [[[12, 4], [16, 4], [19, 7], [20, 12], [20, 17], [18, 21], [15, 23], [12, 23], [9, 21], [7, 17], [7, 11], [9, 6], [12, 4]]],
	1: [[[11, 7], [14, 4], [14, 23]]],
	2: [[[8, 8], [10, 5], [14, 4], [18, 5], [19, 8], [18, 12], [14, 16], [8, 22], [20, 22]]],
	3: [[[8, 5], [12, 4], [17, 4], [19, 6], [19, 10], [16, 13], [12, 13]], [[16, 13], [19, 16], [19, 20], [16, 23], [11, 23], [8, 21]]],
	4: [[[16, 4], [8, 16], [20, 16]], [[16, 9], [16, 23]]],
	5: [[[19, 4], [10, 4], [9, 12], [14, 11], [18, 13], [19, 17], [18, 21], [14, 23], [9, 22]]],
	6: [[[17, 4], [13, 6], [10, 10], [8, 15], [8, 19], [10, 22], [14, 23], [18, 21], [19, 17], [17, 14], [13, 13], [9, 16]]],
	7: [[[8, 5], [20, 5], [17, 11], [14, 17], [12, 23]]],
	8: [[[17, 6], [14, 4], [10, 5], [9, 8], [11, 11], [17, 15], [19, 19], [17, 22], [13, 23], [9, 21], [9, 17], [12, 14], [18, 10], [19, 7], [17, 5]]],
	9: [[[19, 7], [16, 4], [11, 4], [8, 7], [8, 10], [11, 13], [16, 12], [19, 8], [19, 14], [18, 23]]],
};

/** The keys for a move from `from` to `to`: counts for straight runs, a staircase for a slant. */
export function moveKeys(from: Pixel, to: Pixel): string[] {
	const dx = to[0] - from[0];
	const dy = to[1] - from[1];
	const horizontal = dx > 0 ? 'l' : 'h';
	const vertical = dy > 0 ? 'j' : 'k';
	const steps: string[] = [];
	const major = Math.max(Math.abs(dx), Math.abs(dy));
	let x = 0;
	let y = 0;
	for (let i = 1; i <= major; i++) {
		const nx = Math.round((Math.abs(dx) * i) / major);
		const ny = Math.round((Math.abs(dy) * i) / major);
		if (nx > x) steps.push(horizontal);
		if (ny > y) steps.push(vertical);
		x = nx;
		y = ny;
	}
	// Runs of one key become a count and the key ("3j"), as a person types them.
	const keys: string[] = [];
	for (let i = 0; i < steps.length; ) {
		let run = 1;
		while (steps[i + run] === steps[i]) run++;
		if (run > 1) keys.push(...String(run));
		keys.push(steps[i]!);
		i += run;
	}
	return keys;
}

/** The whole script for a digit. */
export function digitKeys(digit: number, start: Pixel = [13, 13]): string[] {
	const keys: string[] = [];
	let at = start;
	for (const stroke of digitStrokes[digit]!) {
		keys.push(...moveKeys(at, stroke[0]!), 'p');
		at = stroke[0]!;
		for (const point of stroke.slice(1)) {
			keys.push(...moveKeys(at, point));
			at = point;
		}
		keys.push('p');
	}
	return keys;
}
