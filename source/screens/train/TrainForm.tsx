// The training form: one row per setting, the error (or a warning) beside a value, a start
// row (which asks before a run of the whole training set), and one line about the selected field.
import {Box, Text} from 'ink';
import {fieldLock, fields, startRow, wholeSetQuestion, type Field, type FieldName, type FormState} from './train-form.js';
import type {TeachNote} from './use-teach.js';
import {useTheme} from '../../components/theme-context.js';
import {keymaps, keysLabel} from '../../input/keymap.js';
import {asciiText} from '../../render/ascii-text.js';
import {keepEnd} from '../../render/load-image.js';

type Props = {
	form: FormState;
	problems: Partial<Record<FieldName, string>>;
	/** Right but unwise values (batch size 1): shown, but they do not stop the run. */
	warnings?: Partial<Record<FieldName, string>>;
	/** Why training cannot start now (e.g. TensorFlow still loading), if so. */
	blocked?: string;
	/** Teaching is chosen: what the samples are, or why they cannot teach yet. */
	teachNote?: TeachNote;
	width: number;
};

const labelWidth = 18;
const valueWidth = 16;

export function TrainForm({form, problems, warnings = {}, blocked, teachNote, width}: Props) {
	const theme = useTheme();
	const cannotTeach = teachNote?.tone === 'bad' ? 'collect your samples first (see below)' : undefined;
	return (
		<Box flexDirection="column" paddingX={1} width={width}>
			<Text bold color={theme.color('accent')}>
				{teachNote ? `Teach ${form.values.from} your handwriting` : 'Train a new model'}
			</Text>
			<Text color={theme.color('muted')}>Defaults as in `digits train{teachNote ? ' --from' : ''}`; each value is checked as you type.</Text>
			<Text> </Text>
			{fields.map((field, index) => (
				<FieldRow key={field.name} field={field} form={form} selected={index === form.selected} problem={problems[field.name]} warning={warnings[field.name]} />
			))}
			<Text> </Text>
			<StartRow form={form} problemCount={Object.keys(problems).length} blocked={blocked ?? cannotTeach} teaching={teachNote !== undefined} />
			<Text> </Text>
			{teachNote && <Text color={theme.color(teachNote.tone)}>{asciiText(teachNote.text, theme.ascii)}</Text>}
			{teachNote && <Text> </Text>}
			<Text color={theme.color('muted')}>{asciiText(aboutLine(form, theme.ascii), theme.ascii)}</Text>
		</Box>
	);
}

/** The selection marker, in a column of its own so a long note beside the field cannot squeeze it. */
function Pointer({selected}: {selected: boolean}) {
	const theme = useTheme();
	return (
		<Box width={2} flexShrink={0}>
			<Text color={theme.color('accent')}>{selected ? (theme.ascii ? '>' : '›') : ' '}</Text>
		</Box>
	);
}

function FieldRow({field, form, selected, problem, warning}: {field: Field; form: FormState; selected: boolean; problem?: string; warning?: string}) {
	const theme = useTheme();
	const editing = selected && form.editing;
	const value = form.values[field.name];
	const shown = value === '' && !editing ? (field.placeholder ?? '') : value;
	const cursor = editing ? (theme.ascii ? '_' : '▏') : '';
	const [open, close] = theme.ascii ? ['<', '>'] : ['‹', '›'];
	const text = field.choices ? `${open} ${shown} ${close}` : shown;
	const lock = fieldLock(field.name, form.values);
	const note = problem ? `${theme.ascii ? 'x' : '✗'} ${problem}` : warning ? `${theme.ascii ? '!' : '⚠'} ${warning}` : (lock ?? '');
	return (
		<Box>
			<Pointer selected={selected} />
			<Box width={labelWidth} flexShrink={0}>
				<Text bold={selected}>{field.label}</Text>
			</Box>
			<Box width={valueWidth} flexShrink={0}>
				<Text inverse={selected && !editing} underline={editing} color={theme.color(value === '' ? 'muted' : 'plain')}>
					{keepEnd(text, valueWidth - 1 - cursor.length, theme.ascii)}
					{cursor}
				</Text>
			</Box>
			<Box flexShrink={1} flexGrow={1}>
				<Text color={theme.color(problem ? 'bad' : warning ? 'warn' : 'muted')}>{asciiText(note, theme.ascii)}</Text>
			</Box>
		</Box>
	);
}

function StartRow({form, problemCount, blocked, teaching}: {form: FormState; problemCount: number; blocked?: string; teaching: boolean}) {
	const theme = useTheme();
	const dot = theme.ascii ? ' | ' : ' · ';
	const message = form.confirming
		? `${wholeSetQuestion(form.values)}${dot}y/Enter start${dot}n/Esc back`
		: problemCount > 0 && form.attempted
			? `fix the ${problemCount === 1 ? 'field' : `${problemCount} fields`} marked ${theme.ascii ? 'x' : '✗'} first`
			: (blocked ?? 's starts from any field');
	const tone = form.confirming ? 'warn' : problemCount > 0 ? 'bad' : 'muted';
	return (
		<Box>
			<Pointer selected={form.selected === startRow} />
			<Box flexShrink={0}>
				<Text inverse={form.selected === startRow} bold color={theme.color(problemCount > 0 || blocked ? 'muted' : 'ok')}>
					{teaching ? ' start teaching ' : ' start training '}
				</Text>
			</Box>
			<Box flexShrink={1} flexGrow={1} marginLeft={2}>
				<Text color={theme.color(tone)} bold={form.confirming}>
					{message}
				</Text>
			</Box>
		</Box>
	);
}

/** The line under the form: what the selected field means and how to change it. */
function aboutLine(form: FormState, ascii: boolean): string {
	const field = fields[form.selected];
	if (!field) return 'Enter starts training';
	if (form.editing) return `${field.about} · Enter keeps it, Esc leaves the field`;
	if (!field.choices) return `${field.about} · Enter edits`;
	const choiceKeys = [keymaps.trainForm.find(binding => binding.command === 'previousChoice')!, keymaps.trainForm.find(binding => binding.command === 'nextChoice')!];
	return `${keysLabel(choiceKeys.map(binding => binding.keys[0]), ascii)} changes it · ${field.about}`;
}
