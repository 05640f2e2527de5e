// The sketch pad in number mode: the wide canvas with each digit's box around its ink, the
// digit read under each box, and the whole number in block letters beside what the reading
// says and the message (or the mouse hint).
import {Box, Text} from 'ink';
import type {NumberReading} from '../image/number.js';
import type {Tone} from '../render/cells.js';
import {fitLines} from '../render/fit-text.js';
import {bigNumber, digitLabels, numberVerdict, renderNumberCanvas} from '../render/number.js';
import {UNSURE_BELOW} from '../render/probability-bars.js';
import {colorLevelOf} from '../theme.js';
import {PixelLines} from './PixelLines.js';
import {useTheme} from './theme-context.js';
import {imageSide} from '../digit-size.js';

export type NumberSketchProps = {
	pixels: Float32Array;
	cursor: {x: number; y: number};
	cursorTone: Tone;
	cursorLetter: string;
	reading: NumberReading | null;
	error?: string;
	/** The columns there are (the screen's padding left out). */
	width: number;
	/** The rows under the canvas and the row of digits: the block letters and the text beside them. */
	rows: number;
	/** What saving or opening said; the mouse hint when absent. */
	message?: {text: string; tone: Tone};
	mouseHint: string;
};

export function NumberSketch({pixels, cursor, cursorTone, cursorLetter, reading, error, width, rows, message, mouseHint}: NumberSketchProps) {
	const theme = useTheme();
	const canvas = renderNumberCanvas(pixels, reading?.digits.map(digit => digit.box) ?? [], {
		colorLevel: theme.ascii ? 'none' : colorLevelOf(theme),
		ascii: theme.ascii,
		cursor,
		cursorColor: theme.color(cursorTone),
		cursorLetter,
		boxColor: theme.color('accent'),
	});
	const canvasColumns = pixels.length / imageSide;
	const unsure = reading?.digits.some(digit => digit.confidence < UNSURE_BELOW) ?? false;
	// Too few rows for block letters (the path field is open under them): the verdict alone.
	const big = reading && rows >= 3 ? bigNumber(reading.number, {width: Math.floor(width / 2), rows, ascii: theme.ascii}) : [];
	const bigWidth = Math.max(0, ...big.map(line => line.length));
	const textWidth = Math.max(10, width - bigWidth - (bigWidth > 0 ? 2 : 0));
	const verdict = numberVerdict(reading, {error}).slice(0, Math.max(1, rows));
	const messageRows = rows - verdict.length;
	const said = messageRows <= 0 ? [] : message ? fitLines(message.text, textWidth, messageRows, theme.ascii) : fitLines(mouseHint, textWidth, 1, theme.ascii);
	return (
		<Box flexDirection="column" flexShrink={0}>
			<Box borderStyle={theme.ascii ? 'classic' : 'round'} borderColor={theme.color('muted')} flexShrink={0} alignSelf="flex-start">
				<PixelLines lines={canvas} />
			</Box>
			<Text color={theme.color(unsure ? 'warn' : 'accent')}> {digitLabels(reading?.digits ?? [], canvasColumns).trimEnd()}</Text>
			<Box>
				{bigWidth > 0 && (
					<Box flexDirection="column" width={bigWidth + 2} flexShrink={0}>
						{big.map((line, index) => (
							<Text key={index} color={theme.color(unsure ? 'warn' : 'ok')}>
								{line}
							</Text>
						))}
					</Box>
				)}
				<Box flexDirection="column" width={textWidth}>
					{verdict.map((line, index) => (
						<Text key={index} color={theme.color(line.tone)} wrap="truncate-end">
							{line.text}
						</Text>
					))}
					{said.map((line, index) => (
						<Text key={`said-${index}`} color={theme.color(message?.tone ?? 'muted')} wrap="truncate-end">
							{line}
						</Text>
					))}
				</Box>
			</Box>
		</Box>
	);
}
