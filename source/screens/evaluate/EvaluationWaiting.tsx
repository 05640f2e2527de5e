// What the Evaluate screen shows until the evaluation is done.
import {Box, Text} from 'ink';
import {CellLine} from '../../components/CellLine.js';
import {useTheme} from '../../components/theme-context.js';
import {Busy, NoModelYet, Spinning} from '../../components/Waiting.js';
import type {EvaluationState} from '../../hooks/use-evaluation.js';
import {count} from '../../render/format.js';
import {progressBar} from '../../render/progress.js';

/** Until the evaluation is done: no model, the model loading, the progress, or why it failed. */
export function EvaluationWaiting({state, model, width}: {state: Exclude<EvaluationState, {phase: 'done'}>; model: string | undefined; width: number}) {
	const theme = useTheme();
	switch (state.phase) {
		case 'noModel':
			return <NoModelYet />;
		case 'failed':
			return (
				<Box flexDirection="column">
					<Text color={theme.color('bad')} bold>
						Could not evaluate {model ?? 'the model'}:
					</Text>
					<Text wrap="wrap">{state.message}</Text>
				</Box>
			);
		case 'describing':
			return <Busy>loading {model}…</Busy>;
		case 'running': {
			const fraction = state.total > 0 ? state.done / state.total : 0;
			const counter = state.total > 0 ? ` ${count(state.done)}/${count(state.total)}` : '';
			return (
				<Box flexDirection="column">
					<Text bold color={theme.color('accent')}>
						Evaluating {state.description.name} on the test images
					</Text>
					<Box>
						<Spinning />
						<CellLine line={progressBar(fraction, Math.max(width - 2 - counter.length - 1, 10), theme.ascii)} />
						<Text>{counter}</Text>
					</Box>
					<Text color={theme.color('muted')}>the result is kept until the model changes</Text>
				</Box>
			);
		}
	}
}
