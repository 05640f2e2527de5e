// Connected groups of ink pixels (8-connected): a digit's strokes are one or a few large
// groups, paper texture and dust are many tiny ones, and a dark table around the paper
// is one group that runs along the picture's edge.

export type Component = {
	/** Number of pixels. */
	area: number;
	left: number;
	top: number;
	right: number;
	bottom: number;
	/** How many of its pixels lie on the picture's outermost rows and columns. */
	edgePixels: number;
};

/** Labels the set pixels of `mask` (row-major, width × height): `labels[i]` is 1 + the index of i's component, 0 for unset pixels. */
export function connectedComponents(mask: Uint8Array, width: number, height: number): {labels: Int32Array; components: Component[]} {
	const labels = new Int32Array(width * height);
	const components: Component[] = [];
	const stack = new Int32Array(width * height);
	for (let start = 0; start < mask.length; start++) {
		if (!mask[start] || labels[start]) continue;
		const label = components.length + 1;
		const component: Component = {area: 0, left: width, top: height, right: -1, bottom: -1, edgePixels: 0};
		let size = 0;
		stack[size++] = start;
		labels[start] = label;
		while (size > 0) {
			const i = stack[--size]!;
			const x = i % width;
			const y = (i - x) / width;
			component.area++;
			if (x < component.left) component.left = x;
			if (x > component.right) component.right = x;
			if (y < component.top) component.top = y;
			if (y > component.bottom) component.bottom = y;
			if (x === 0 || y === 0 || x === width - 1 || y === height - 1) component.edgePixels++;
			for (let dy = -1; dy <= 1; dy++) {
				const ny = y + dy;
				if (ny < 0 || ny >= height) continue;
				for (let dx = -1; dx <= 1; dx++) {
					const nx = x + dx;
					if (nx < 0 || nx >= width) continue;
					const j = ny * width + nx;
					if (mask[j] && !labels[j]) {
						labels[j] = label;
						stack[size++] = j;
					}
				}
			}
		}

		components.push(component);
	}

	return {labels, components};
}

/** Sets every pixel within `radius` (a square) of a set pixel; separable, so cheap for any radius. */
export function dilate(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
	if (radius <= 0) return mask.slice();
	const rows = new Uint8Array(mask.length);
	for (let y = 0; y < height; y++) {
		// Two sweeps per row: distance to the nearest set pixel on the left, then on the right.
		let last = -Infinity;
		for (let x = 0; x < width; x++) {
			if (mask[y * width + x]) last = x;
			if (x - last <= radius) rows[y * width + x] = 1;
		}

		last = Infinity;
		for (let x = width - 1; x >= 0; x--) {
			if (mask[y * width + x]) last = x;
			if (last - x <= radius) rows[y * width + x] = 1;
		}
	}

	const result = new Uint8Array(mask.length);
	for (let x = 0; x < width; x++) {
		let last = -Infinity;
		for (let y = 0; y < height; y++) {
			if (rows[y * width + x]) last = y;
			if (y - last <= radius) result[y * width + x] = 1;
		}

		last = Infinity;
		for (let y = height - 1; y >= 0; y--) {
			if (rows[y * width + x]) last = y;
			if (last - y <= radius) result[y * width + x] = 1;
		}
	}

	return result;
}
