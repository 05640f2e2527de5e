// The last epochs' numbers as a small fixed-width table.
import type {HistoryEntry} from '../model/types.js';
import {duration, percent, rateFigure} from './format.js';

/** An epoch as meta.json's history keeps it, with the speed the epoch event reported. */
export type EpochTableRow = HistoryEntry & {imagesPerSecond: number};

const columns = [
	{title: 'epoch', width: 5, cell: (row: EpochTableRow) => String(row.epoch)},
	{title: 'loss', width: 7, cell: (row: EpochTableRow) => row.loss.toFixed(4)},
	{title: 'accuracy', width: 8, cell: (row: EpochTableRow) => percent(row.accuracy)},
	{title: 'val loss', width: 8, cell: (row: EpochTableRow) => (row.valLoss === null ? '–' : row.valLoss.toFixed(4))},
	{title: 'val acc.', width: 8, cell: (row: EpochTableRow) => (row.valAccuracy === null ? '–' : percent(row.valAccuracy))},
	{title: 'images/s', width: 8, cell: (row: EpochTableRow) => rateFigure(row.imagesPerSecond)},
	{title: 'time', width: 10, cell: (row: EpochTableRow) => duration(row.seconds)},
] as const;

/** Header, then the last `maxRows` epochs; numbers right-aligned under their titles. */
export function epochTable(rows: readonly EpochTableRow[], maxRows: number): string[] {
	const line = (cells: string[]) => cells.map((cell, index) => cell.padStart(columns[index]!.width)).join('  ').trimEnd();
	const shown = maxRows > 0 ? rows.slice(-maxRows) : [];
	return [line(columns.map(column => column.title)), ...shown.map(row => line(columns.map(column => column.cell(row))))];
}
