// One test digit drawn in the terminal (28×14 cells of half blocks, or a character ramp)
// with caption lines under it.
import {Box, Text} from 'ink';
import {renderDigitAt, type ColorLevel} from '../render/digit.js';
import type {Line} from '../render/cells.js';
import type {Theme} from '../theme.js';
import {CellLine} from './CellLine.js';
import {useTheme} from './theme-context.js';
import {imageSide} from '../digit-size.js';

export const tileSize = {width: imageSide, digitRows: imageSide / 2};

const colorLevels: Record<Theme['level'], ColorLevel> = {0: 'none', 1: 'ansi16', 2: 'ansi256', 3: 'truecolor'};

/** `side`: pixels across the drawn digit (28, or 14 for half size); the tile is as wide. */
export function DigitTile({pixels, caption, side = imageSide}: {pixels: ArrayLike<number>; caption: Line[]; side?: number}) {
	const theme = useTheme();
	const lines = renderDigitAt(pixels, side, {colorLevel: colorLevels[theme.level], ascii: theme.ascii});
	return (
		<Box flexDirection="column" width={side} flexShrink={0}>
			{lines.map((line, index) => (
				<Text key={index}>
					{line.map((segment, part) => (
						<Text key={part} color={segment.fg} backgroundColor={segment.bg}>
							{segment.text}
						</Text>
					))}
				</Text>
			))}
			{caption.map((line, index) => (
				<CellLine key={`c${index}`} line={line} />
			))}
		</Box>
	);
}

/** Tiles in rows of `columns`, two columns apart, a row apart. */
export function TileGrid({tiles, columns, side}: {tiles: Array<{key: string | number; pixels: ArrayLike<number>; caption: Line[]}>; columns: number; side?: number}) {
	const rows: (typeof tiles)[] = [];
	for (let start = 0; start < tiles.length; start += columns) rows.push(tiles.slice(start, start + columns));
	return (
		<Box flexDirection="column" gap={1}>
			{rows.map((row, index) => (
				<Box key={index} gap={2}>
					{row.map(tile => (
						<DigitTile key={tile.key} pixels={tile.pixels} caption={tile.caption} side={side} />
					))}
				</Box>
			))}
		</Box>
	);
}
