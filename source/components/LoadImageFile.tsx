// The picked image as it is, shrunk into the terminal (with the digits' boxes over it when it
// is read as a number), with its name, format and sizes.
import {Box, Text} from 'ink';
import {memo, useMemo} from 'react';
import type {LoadedImage} from '../image/load.js';
import type {Box as DigitBox} from '../image/number.js';
import type {ColorLevel} from '../render/digit.js';
import {imageSummary, keepEnd, renderPreview} from '../render/load-image.js';
import {previewWithBoxes} from '../render/number.js';
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
	/** Boxes to draw over the picture, in its pixels. */
	boxes?: readonly DigitBox[];
};

export const LoadImageFile = memo(function LoadImageFile({image, name, reading, width, previewRows, colorLevel, boxes}: LoadImageFileProps) {
	const theme = useTheme();
	const boxColor = theme.color('accent');
	const preview = useMemo(() => {
		if (!image) return undefined;
		const options = {colorLevel, ascii: theme.ascii};
		return boxes ? previewWithBoxes(image, boxes, width, previewRows, {...options, boxColor}) : renderPreview(image, width, previewRows, options);
	}, [image, width, previewRows, colorLevel, theme.ascii, boxes, boxColor]);
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
