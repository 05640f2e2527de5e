// Progress bars as tone-tagged text: eighth blocks for a smooth edge, or # and . in ASCII.
import type {Line} from './cells.js';

const eighths = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar exactly `width` columns wide for `fraction` (clamped to 0…1) of the work. */
export function progressBar(fraction: number, width: number, ascii = false): Line {
	if (width <= 0) return [];
	const clamped = Number.isFinite(fraction) ? Math.min(Math.max(fraction, 0), 1) : 0;
	if (ascii) {
		const filled = Math.floor(clamped * width);
		return [
			{text: '#'.repeat(filled), tone: 'accent'},
			{text: '.'.repeat(width - filled), tone: 'muted'},
		].filter(cell => cell.text !== '') as Line;
	}
	const total = Math.floor(clamped * width * 8);
	const full = Math.floor(total / 8);
	const partial = full < width ? eighths[total % 8]! : '';
	const used = full + (partial ? 1 : 0);
	return [
		{text: '█'.repeat(full) + partial, tone: 'accent'},
		{text: '░'.repeat(width - used), tone: 'muted'},
	].filter(cell => cell.text !== '') as Line;
}
