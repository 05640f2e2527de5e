// The model's reading of the sketch: what it sees (the preprocessed 28×28), the top digit
// in block letters with its confidence (or that it is unsure), and ten probability bars.
import {Box, Text} from 'ink';
import {memo} from 'react';
import {bigDigit, BIG_DIGIT_COLUMNS} from '../render/big-digit.js';
import {renderDigit, type ColorLevel} from '../render/digit.js';
import {probabilityBars, runnerUp, topDigit, UNSURE_BELOW} from '../render/probability-bars.js';
import {halveImage} from '../render/sketch-canvas.js';
import {CellLine} from './CellLine.js';
import {PixelLines} from './PixelLines.js';
import {useTheme} from './theme-context.js';
import {imageSide, imagePixels} from '../digit-size.js';

export type SketchReadingProps = {
	seen: Float32Array | null;
	probabilities: Float32Array | null;
	error?: string;
	width: number;
	/** The model's view at 28×14 cells rather than halved to 14×7. */
	fullSeen: boolean;
	colorLevel: ColorLevel;
	/** What it says before there is anything to read. */
	idle?: string;
};

const blank = new Float32Array(imagePixels);

// Memoized: keys that only move the cursor leave the reading as it is.
export const SketchReading = memo(function SketchReading({seen, probabilities, error, width, fullSeen, colorLevel, idle = 'draw a digit'}: SketchReadingProps) {
	const theme = useTheme();
	const image = seen ?? blank;
	const seenLines = fullSeen ? renderDigit(image, {colorLevel, ascii: theme.ascii}) : renderDigit(halveImage(image), {colorLevel, ascii: theme.ascii, width: 14});
	const top = probabilities ? topDigit(probabilities) : undefined;
	const confidence = top === undefined ? 0 : (probabilities?.[top] ?? 0);
	const unsure = top !== undefined && confidence < UNSURE_BELOW;
	const glyph = top === undefined ? ' ' : unsure ? '?' : String(top);
	const verdict: Array<{text: string; tone: 'ok' | 'warn' | 'bad' | 'muted' | 'plain'}> = error
		? [{text: 'cannot predict:', tone: 'bad'}, {text: error, tone: 'bad'}]
		: !seen
			? [{text: idle, tone: 'muted'}]
			: top === undefined
				? [{text: 'reading…', tone: 'muted'}]
				: unsure
					? [{text: 'not sure', tone: 'warn'}, {text: `${top} or ${runnerUp(probabilities!)}?`, tone: 'warn'}, {text: `${(confidence * 100).toFixed(1)}% for ${top}`, tone: 'muted'}]
					: [{text: `reads ${top}`, tone: 'ok'}, {text: `${(confidence * 100).toFixed(1)}% sure`, tone: 'plain'}];
	const textWidth = Math.max(8, width - (fullSeen ? imageSide : imageSide / 2) - BIG_DIGIT_COLUMNS - 4);
	return (
		<Box flexDirection="column" width={width} flexShrink={0}>
			<Text color={theme.color('muted')}>{'model sees'.padEnd((fullSeen ? imageSide : imageSide / 2) + 2)}reads</Text>
			<Box>
				<PixelLines lines={seenLines} />
				<Box width={2} />
				<Box flexDirection="column" width={BIG_DIGIT_COLUMNS} flexShrink={0}>
					{bigDigit(glyph, theme.ascii).map((row, index) => (
						<Text key={index} color={theme.color(unsure ? 'warn' : 'ok')}>
							{row}
						</Text>
					))}
				</Box>
				<Box width={2} />
				<Box flexDirection="column" width={textWidth}>
					{verdict.map((line, index) => (
						<Text key={index} color={theme.color(line.tone)} wrap="truncate-end">
							{line.text}
						</Text>
					))}
				</Box>
			</Box>
			<Text> </Text>
			{probabilityBars(probabilities, Math.min(width, 48), theme.ascii).map((line, index) => (
				<CellLine key={index} line={line} />
			))}
		</Box>
	);
});
