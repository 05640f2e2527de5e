// A picture read as a number (the Load image screen): the number in block letters, what the
// reading says, and each digit with its confidence, left to right.
import {Box, Text} from 'ink';
import type {NumberReading} from '../image/number.js';
import {bigNumber, digitList, numberVerdict} from '../render/number.js';
import {UNSURE_BELOW} from '../render/probability-bars.js';
import {useTheme} from './theme-context.js';

export type NumberReadingPanelProps = {
	/** Undefined while the picture is being read. */
	reading?: NumberReading | null;
	error?: string;
	width: number;
	/** The rows it may take: the block letters are 7 rows tall when the rest still fits, else 3. */
	rows: number;
	idle: string;
};

export function NumberReadingPanel({reading, error, width, rows, idle}: NumberReadingPanelProps) {
	const theme = useTheme();
	const unsure = reading?.digits.some(digit => digit.confidence < UNSURE_BELOW) ?? false;
	const verdict = reading === undefined && !error ? [{text: `reading${theme.ascii ? '...' : '…'}`, tone: 'muted' as const}] : numberVerdict(reading ?? null, {error, idle});
	const digits = digitList(reading?.digits ?? [], width);
	// The title, two blank rows, the verdict and the digits take their rows; the letters get the rest.
	const big = reading ? bigNumber(reading.number, {width, rows: rows - 3 - verdict.length - digits.length, ascii: theme.ascii}) : [];
	return (
		<Box flexDirection="column" width={width} flexShrink={0}>
			<Text color={theme.color('muted')}>reads the number</Text>
			{big.map((line, index) => (
				<Text key={index} color={theme.color(unsure ? 'warn' : 'ok')} wrap="truncate-end">
					{line}
				</Text>
			))}
			<Text> </Text>
			{verdict.map((line, index) => (
				<Text key={`verdict-${index}`} color={theme.color(line.tone)} wrap="truncate-end">
					{line.text}
				</Text>
			))}
			<Text> </Text>
			{digits.map((line, index) => (
				<Text key={`digit-${index}`} wrap="truncate-end">
					{line}
				</Text>
			))}
		</Box>
	);
}
