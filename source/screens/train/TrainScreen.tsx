// Train: the form, then the live view of the run, then its outcome. The run itself is
// owned by the app (it outlives a too-small window or the help overlay); this screen only
// wires keys and views to it.
import {Box} from 'ink';
import {useEffect, useReducer, useState} from 'react';
import {useListModels, useServices} from '../../hooks/use-services.js';
import {
	fields,
	formOptions,
	formProblems,
	formReducer,
	formWarnings,
	initialForm,
	startNeedsConfirmation,
	startRow,
	type FormAction,
	type FormState,
	type FormValues,
	type Teachable,
} from './train-form.js';
import {useTeach} from './use-teach.js';
import {evaluableModel} from './training-state.js';
import {TrainForm} from './TrainForm.js';
import {TrainingView} from './TrainingView.js';
import {useKeymap} from '../../hooks/use-keymap.js';
import type {TrainingRun} from './use-training.js';

type Props = {
	training: TrainingRun;
	width: number;
	height: number;
	onHome: () => void;
	/** Opens the Evaluate screen on this model (the one just trained, or a stopped run's last epoch). */
	onEvaluate?: (model: string) => void;
	/** Starting values for the form (tests, the benchmark), and whether to start at once. */
	initialValues?: Partial<FormValues>;
	autostart?: boolean;
};

export function TrainScreen({training, width, height, onHome, onEvaluate, initialValues, autostart}: Props) {
	const {store, model} = useServices();
	const listModels = useListModels();
	// The models on disk when the screen opens: any of them can be taught the user's samples.
	const [teachable] = useState<Teachable[]>(() => listModels().flatMap(listing => (listing.meta ? [{name: listing.name, preset: listing.meta.preset}] : [])));
	const [form, dispatch] = useReducer(formReducer, initialValues, values => initialForm(values, teachable));
	const teach = useTeach(training);
	const teaching = form.values.from !== '';
	const [confirming, setConfirming] = useState(false);
	const problems = formProblems(form.values, store);
	const {phase} = training.state;

	/** Starts a run with the form's values; false when a field is wrong. */
	const launch = (): boolean => {
		const options = formOptions(form.values, store);
		if (!options) {
			dispatch({type: 'refused', firstProblem: fields.findIndex(field => problems[field.name] !== undefined)});
			return false;
		}
		setConfirming(false);
		if (options.from !== undefined) teach.start(options);
		else training.start(options);
		return true;
	};
	const start = () => {
		if (formOptions(form.values, store) && startNeedsConfirmation(form)) dispatch({type: 'ask'});
		else launch();
	};
	useEffect(() => {
		// TensorFlow's training process loads (a second) while the form is filled in, not after Enter.
		model.ready('train').catch(() => {});
		// An autostart (tests, the benchmark) has asked already.
		if (autostart) launch();
		// eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the screen opens: an autostart is the first run only.
	}, []);
	useEffect(() => {
		if (phase === 'finished') setConfirming(false);
	}, [phase]);

	useFormKeys(form, dispatch, {active: phase === 'idle', start, launch, onHome});
	useRunKeys(training, confirming, setConfirming, onHome, onEvaluate);

	if (phase === 'idle') {
		return (
			<Box flexDirection="column" width={width} height={height}>
				<TrainForm form={form} problems={problems} warnings={formWarnings(form.values)} width={width} teachNote={teaching ? teach.note : undefined} />
			</Box>
		);
	}
	return <TrainingView state={training.state} width={width} height={height} confirming={confirming} />;
}

type FormKeys = {active: boolean; start: () => void; launch: () => boolean; onHome: () => void};

/** The form's keys: moving and editing, and the question before a run of the whole training set. */
function useFormKeys(form: FormState, dispatch: (action: FormAction) => void, {active, start, launch, onHome}: FormKeys): void {
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
		{active: active && !form.editing && !form.confirming},
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
		{active: active && form.editing, onText: text => dispatch({type: 'type', text})},
	);
	useKeymap(
		'startConfirm',
		{
			yes: () => {
				dispatch({type: 'answer', yes: true});
				launch();
			},
			no: () => dispatch({type: 'answer', yes: false}),
		},
		{active: active && form.confirming},
	);
}

/** The keys while a run goes (stop, with a confirmation) and once it is over (evaluate, home, again). */
function useRunKeys(training: TrainingRun, confirming: boolean, setConfirming: (confirming: boolean) => void, onHome: () => void, onEvaluate?: (model: string) => void): void {
	const running = training.state.phase !== 'idle' && training.state.phase !== 'finished';
	const finished = training.state.phase === 'finished';
	const evaluable = evaluableModel(training.state);
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
	const afterRun = {
		home: () => {
			training.reset();
			onHome();
		},
		again: () => training.reset(),
	};
	useKeymap(
		'trainDone',
		{
			...afterRun,
			evaluate: () => {
				if (evaluable === undefined || !onEvaluate) return;
				training.reset();
				onEvaluate(evaluable);
			},
		},
		{active: finished && evaluable !== undefined && onEvaluate !== undefined},
	);
	useKeymap('trainEnded', afterRun, {active: finished && (evaluable === undefined || onEvaluate === undefined)});
}
