// Train: the form, then the live view of the run, then its outcome. The run itself is
// owned by the app (it outlives a too-small window or the help overlay); this screen only
// wires keys and views to it.
import {Box} from 'ink';
import {useEffect, useReducer, useState} from 'react';
import {useServices} from '../../hooks/use-services.js';
import {fields, formOptions, formProblems, formReducer, initialForm, startRow, type FormValues} from './train-form.js';
import {TrainForm} from './TrainForm.js';
import {TrainingView} from './TrainingView.js';
import {useKeymap} from '../../hooks/use-keymap.js';
import type {TrainingRun} from './use-training.js';

type Props = {
	training: TrainingRun;
	width: number;
	height: number;
	onHome: () => void;
	/** Opens the Evaluate screen (on the model just trained, once it is loaded). */
	onEvaluate?: () => void;
	/** Starting values for the form (tests, the benchmark), and whether to start at once. */
	initialValues?: Partial<FormValues>;
	autostart?: boolean;
};

export function TrainScreen({training, width, height, onHome, onEvaluate, initialValues, autostart}: Props) {
	const {store, model} = useServices();
	const [form, dispatch] = useReducer(formReducer, initialValues, initialForm);
	const [confirming, setConfirming] = useState(false);
	const problems = formProblems(form.values, store);
	const {phase} = training.state;

	const start = () => {
		const options = formOptions(form.values, store);
		if (!options) {
			dispatch({type: 'refused', firstProblem: fields.findIndex(field => problems[field.name] !== undefined)});
			return;
		}
		setConfirming(false);
		training.start(options);
	};
	useEffect(() => {
		// TensorFlow's training process loads (a second) while the form is filled in, not after Enter.
		model.ready('train').catch(() => {});
		if (autostart) start();
		// eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the screen opens: an autostart is the first run only.
	}, []);
	useEffect(() => {
		if (phase === 'finished') setConfirming(false);
	}, [phase]);

	useKeymap(
		'trainForm',
		{
			up: () => dispatch({type: 'move', by: -1}),
			down: () => dispatch({type: 'move', by: 1}),
			edit: () => (form.selected === startRow ? start() : dispatch({type: 'edit'})),
			previousChoice: () => dispatch({type: 'cycle', by: -1}),
			nextChoice: () => dispatch({type: 'cycle', by: 1}),
			start,
			reset: () => dispatch({type: 'reset'}),
			back: onHome,
		},
		{active: phase === 'idle' && !form.editing},
	);
	useKeymap(
		'trainField',
		{
			done: () => dispatch({type: 'leave'}),
			leave: () => dispatch({type: 'leave'}),
			next: () => dispatch({type: 'move', by: 1}),
			previous: () => dispatch({type: 'move', by: -1}),
			erase: () => dispatch({type: 'erase'}),
			clear: () => dispatch({type: 'clear'}),
		},
		{active: phase === 'idle' && form.editing, onText: text => dispatch({type: 'type', text})},
	);
	useRunKeys(training, confirming, setConfirming, onHome, onEvaluate);

	if (phase === 'idle') {
		return (
			<Box flexDirection="column" width={width} height={height}>
				<TrainForm form={form} problems={problems} width={width} />
			</Box>
		);
	}
	return <TrainingView state={training.state} width={width} height={height} confirming={confirming} />;
}

/** The keys while a run goes (stop, with a confirmation) and once it is over (home, again, evaluate). */
function useRunKeys(training: TrainingRun, confirming: boolean, setConfirming: (confirming: boolean) => void, onHome: () => void, onEvaluate?: () => void): void {
	const running = training.state.phase !== 'idle' && training.state.phase !== 'finished';
	useKeymap(
		'training',
		{stop: () => setConfirming(true)},
		{active: running && !confirming},
	);
	useKeymap(
		'stopConfirm',
		{
			yes: () => {
				setConfirming(false);
				training.stop();
			},
			no: () => setConfirming(false),
		},
		{active: running && confirming},
	);
	useKeymap(
		'trainDone',
		{
			home: () => {
				training.reset();
				onHome();
			},
			again: () => training.reset(),
			evaluate: () => {
				if (training.state.outcome?.type !== 'done' || !onEvaluate) return;
				training.reset();
				onEvaluate();
			},
		},
		{active: training.state.phase === 'finished'},
	);
}
