// The picked image as it is, shrunk into the terminal, with its name, format and sizes.
import {Box, Text} from 'ink';
import {memo, useMemo} from 'react';
import type {LoadedImage} from '../image/load.js';
import type {ColorLevel} from '../render/digit.js';
import {imageSummary, keepEnd, renderPreview} from '../render/load-image.js';
import {PixelLines} from './PixelLines.js';
import {useTheme} from './theme-context.js';

export type LoadImageFileProps = {
	image?: LoadedImage;
	/** The file's name as the screen shows it. */
	name?: string;
	/** The name of a file being read, while it is. */
	reading?: string;
	width: number;
	previewRows: number;
	colorLevel: ColorLevel;
};

export const LoadImageFile = memo(function LoadImageFile({image, name, reading, width, previewRows, colorLevel}: LoadImageFileProps) {
	const theme = useTheme();
	const preview = useMemo(() => image && renderPreview(image, width, previewRows, {colorLevel, ascii: theme.ascii}), [image, width, previewRows, colorLevel, theme.ascii]);
	return (
		<Box flexDirection="column" width={width} flexShrink={0}>
			<Box height={previewRows} flexDirection="column" justifyContent={preview ? 'flex-start' : 'center'}>
				{preview ? (
					<PixelLines lines={preview} />
				) : (
					<Text color={theme.color('muted')} wrap="truncate-end">
						no image open
					</Text>
				)}
			</Box>
			<Text bold={Boolean(image)} color={theme.color(reading ? 'muted' : 'plain')}>
				{keepEnd(reading ? `reading ${reading}${theme.ascii ? '...' : '…'}` : (name ?? ' '), width, theme.ascii)}
			</Text>
			<Text color={theme.color('muted')} wrap="truncate-end">
				{image ? imageSummary(image, theme.ascii) : 'pick an image, or Tab: a path'}
			</Text>
		</Box>
	);
});
