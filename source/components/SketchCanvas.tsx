// The sketch pad's canvas in its border, with the keyboard cursor in the pen's tone (or its
// letter where there is no color).
import {Box} from 'ink';
import type {Tone} from '../render/cells.js';
import {renderCanvas} from '../render/sketch-canvas.js';
import {colorLevelOf} from '../theme.js';
import {PixelLines} from './PixelLines.js';
import {useTheme} from './theme-context.js';

export type SketchCanvasProps = {
	pixels: Float32Array;
	scale: 1 | 2;
	cursor: {x: number; y: number};
	cursorTone: Tone;
	cursorLetter: string;
};

export function SketchCanvas({pixels, scale, cursor, cursorTone, cursorLetter}: SketchCanvasProps) {
	const theme = useTheme();
	const lines = renderCanvas(pixels, {
		colorLevel: theme.ascii ? 'none' : colorLevelOf(theme),
		ascii: theme.ascii,
		scale,
		cursor,
		cursorColor: theme.color(cursorTone),
		cursorLetter,
	});
	return (
		<Box borderStyle={theme.ascii ? 'classic' : 'round'} borderColor={theme.color('muted')} flexShrink={0}>
			<PixelLines lines={lines} />
		</Box>
	);
}
