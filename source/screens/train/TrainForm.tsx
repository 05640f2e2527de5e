// The training form: one row per setting, the error beside a wrong value, a start row,
// and one line about the selected field.
import {Box, Text} from 'ink';
import {fields, startRow, type FieldName, type FormState} from './train-form.js';
import {useTheme} from '../../components/theme-context.js';

type Props = {
	form: FormState;
	problems: Partial<Record<FieldName, string>>;
	/** Why training cannot start now (e.g. TensorFlow still loading), if so. */
	blocked?: string;
	width: number;
};

const labelWidth = 18;
const valueWidth = 16;

export function TrainForm({form, problems, blocked, width}: Props) {
	const theme = useTheme();
	const pointer = theme.ascii ? '>' : '›';
	const selectedField = fields[form.selected];
	const problemCount = Object.keys(problems).length;
	return (
		<Box flexDirection="column" paddingX={1} width={width}>
			<Text bold color={theme.color('accent')}>
				Train a new model
			</Text>
			<Text color={theme.color('muted')}>Defaults as in `digits train`; each value is checked as you type.</Text>
			<Text> </Text>
			{fields.map((field, index) => {
				const selected = index === form.selected;
				const editing = selected && form.editing;
				const value = form.values[field.name];
				const problem = problems[field.name];
				const shown = value === '' && !editing ? (field.placeholder ?? '') : value;
				return (
					<Box key={field.name}>
						<Text color={theme.color('accent')}>{selected ? `${pointer} ` : '  '}</Text>
						<Box width={labelWidth} flexShrink={0}>
							<Text bold={selected}>{field.label}</Text>
						</Box>
						<Box width={valueWidth} flexShrink={0}>
							<Text inverse={selected && !editing} underline={editing} color={theme.color(value === '' ? 'muted' : 'plain')} wrap="truncate-start">
								{field.choices ? `${theme.ascii ? '<' : '‹'} ${shown} ${theme.ascii ? '>' : '›'}` : shown}
								{editing ? (theme.ascii ? '_' : '▏') : ''}
							</Text>
						</Box>
						<Text color={theme.color('bad')} wrap="truncate-end">
							{problem ? `${theme.ascii ? 'x' : '✗'} ${problem}` : ''}
						</Text>
					</Box>
				);
			})}
			<Text> </Text>
			<Box>
				<Text color={theme.color('accent')}>{form.selected === startRow ? `${pointer} ` : '  '}</Text>
				<Text inverse={form.selected === startRow} bold color={theme.color(problemCount > 0 || blocked ? 'muted' : 'ok')}>
					{' start training '}
				</Text>
				<Text color={theme.color(problemCount > 0 ? 'bad' : 'muted')} wrap="truncate-end">
					{'  '}
					{problemCount > 0 && form.attempted
						? `fix the ${problemCount === 1 ? 'field' : `${problemCount} fields`} marked ${theme.ascii ? 'x' : '✗'} first`
						: (blocked ?? 's starts from any field')}
				</Text>
			</Box>
			<Text> </Text>
			<Text color={theme.color('muted')} wrap="truncate-end">
				{selectedField
					? form.editing
						? `${selectedField.about} · Enter keeps it, Esc leaves the field`
						: `${selectedField.about}${selectedField.choices ? '' : ' · Enter edits'}`
					: 'Enter starts training'}
			</Text>
		</Box>
	);
}
