// The training form as pure data: its fields (with the defaults of `digits train`), the
// check of each field as it is typed (the same rules as the command's flags), and a reducer
// for moving, editing and cycling choices.
import {presetNames, presets, teachDefaults, trainDefaults, type PresetName} from '../../model/presets.js';
import {trainChecks, trainingImages, type Checked} from '../../model/train-options.js';
import type {TrainOptions} from '../../model/types.js';
import {counted} from '../../render/format.js';
import type {ModelNames} from '../../model/store.js';

export type FieldName = 'preset' | 'epochs' | 'batchSize' | 'learningRate' | 'validationSplit' | 'seed' | 'limit' | 'model' | 'from';

export type Field = {
	name: FieldName;
	label: string;
	/** One line under the form when the field is selected. */
	about: string;
	/** Shown greyed when the field is empty; empty means this. */
	placeholder?: string;
	choices?: readonly string[];
};

export const fields: readonly Field[] = [
	{name: 'preset', label: 'preset', about: `the network: ${presetNames.map(name => `${name}, ${presets[name].description}`).join('; ')}`, choices: presetNames},
	{name: 'epochs', label: 'epochs', about: 'passes over the training images'},
	{name: 'batchSize', label: 'batch size', about: 'images per step'},
	{name: 'learningRate', label: 'learning rate', about: "Adam's learning rate"},
	{name: 'validationSplit', label: 'validation split', about: 'part of the training images held out to validate, 0 to <1'},
	{name: 'seed', label: 'seed', about: 'same seed, same shuffles and initial weights'},
	{name: 'limit', label: 'images', about: 'use only the first N training images (quick tries); empty: all', placeholder: 'all'},
	{name: 'model', label: 'model name', about: 'save as this name; empty: a new <preset>-<date> name', placeholder: 'new name'},
	// Its choices are the models on disk (FormState.teachable), after "off".
	{name: 'from', label: 'teach samples to', about: 'teach a model your digits (t in the sketch pad saves them)', placeholder: 'off', choices: []},
];

/** A model the form can teach, and its network. */
export type Teachable = {name: string; preset: PresetName};

export type FormValues = Record<FieldName, string>;

export function defaultFormValues(preset: PresetName = trainDefaults.preset): FormValues {
	return {
		preset,
		...presetFieldValues(preset),
		seed: String(trainDefaults.seed),
		limit: '',
		model: '',
		from: '',
	};
}

/** The fields whose defaults depend on the preset. */
const presetFields = ['epochs', 'batchSize', 'learningRate', 'validationSplit'] as const;

function presetFieldValues(preset: PresetName): Pick<FormValues, (typeof presetFields)[number]> {
	const {defaults} = presets[preset];
	return {epochs: String(defaults.epochs), batchSize: String(defaults.batchSize), learningRate: String(defaults.learningRate), validationSplit: String(defaults.validationSplit)};
}

/** A new preset: fields still at the old preset's defaults take the new one's, edited ones stay. */
function withPreset(values: FormValues, preset: string): FormValues {
	const known = (name: string): name is PresetName => presetNames.includes(name as PresetName);
	if (!known(preset)) return {...values, preset};
	const next: FormValues = {...values, preset};
	if (!known(values.preset)) return next;
	const [before, after] = [presetFieldValues(values.preset), presetFieldValues(preset)];
	for (const field of presetFields) if (values[field] === before[field]) next[field] = after[field];
	return next;
}

/** The settings a teaching run starts from (`digits train --from`'s defaults), or a plain run's for `preset`. */
function runFieldValues(preset: PresetName, teaching: boolean): Pick<FormValues, (typeof presetFields)[number]> {
	if (!teaching) return presetFieldValues(preset);
	return {epochs: String(teachDefaults.epochs), batchSize: String(teachDefaults.batchSize), learningRate: String(teachDefaults.learningRate), validationSplit: '0'};
}

/**
 * Teaching `from` (a model's name, '' for off): the network is that model's, and fields still
 * at the old run's defaults take the new one's (teaching's own), edited ones stay.
 */
function withFrom(values: FormValues, from: string, teachable: readonly Teachable[]): FormValues {
	const model = teachable.find(entry => entry.name === from);
	const known = presetNames.includes(values.preset as PresetName);
	const preset = model?.preset ?? (known ? (values.preset as PresetName) : trainDefaults.preset);
	const next: FormValues = {...values, from: model ? from : '', preset};
	const before = known ? runFieldValues(values.preset as PresetName, values.from !== '') : undefined;
	const after = runFieldValues(preset, model !== undefined);
	for (const field of presetFields) if (!before || values[field] === before[field]) next[field] = after[field];
	// Teaching holds out a share of the samples instead.
	next.validationSplit = after.validationSplit;
	return next;
}

/** Why a field cannot be changed now (its note beside it), or undefined: teaching keeps the model's network and holds out samples. */
export function fieldLock(name: FieldName, values: FormValues): string | undefined {
	if (values.from === '') return undefined;
	if (name === 'preset') return `the network of ${values.from}`;
	if (name === 'validationSplit') return 'held-out samples instead';
	return undefined;
}

/** What is wrong with a field's text, in a few words for beside the field; undefined when fine. */
export function fieldProblem(name: FieldName, text: string, context: ModelNames): string | undefined {
	const trimmed = text.trim();
	let checked: Checked<unknown>;
	switch (name) {
		case 'limit':
			if (trimmed === '') return undefined;
			checked = trainChecks.limit(trimmed);
			break;
		case 'from':
			return undefined;
		case 'model':
			if (trimmed === '') return undefined;
			try {
				context.checkModelName(trimmed);
			} catch {
				return 'letters, digits, . _ - (up to 64), starting with a letter or digit';
			}
			return context.modelExists(trimmed) ? 'a model of that name exists; pick another name' : undefined;
		default:
			checked = trainChecks[name](trimmed);
	}
	return checked.expected === undefined ? undefined : `must be ${checked.expected}`;
}

export function formProblems(values: FormValues, context: ModelNames): Partial<Record<FieldName, string>> {
	const problems: Partial<Record<FieldName, string>> = {};
	for (const field of fields) {
		const problem = fieldProblem(field.name, values[field.name], context);
		if (problem) problems[field.name] = problem;
	}
	return problems;
}

/** A warning beside a right but unwise value (it does not stop the run); undefined when none. */
export function fieldWarning(name: FieldName, text: string): string | undefined {
	if (name === 'batchSize' && trainChecks.batchSize(text.trim()).value === 1) return 'one image per step: very slow and noisy';
	return undefined;
}

export function formWarnings(values: FormValues): Partial<Record<FieldName, string>> {
	const warnings: Partial<Record<FieldName, string>> = {};
	for (const field of fields) {
		const warning = fieldWarning(field.name, values[field.name]);
		if (warning) warnings[field.name] = warning;
	}
	return warnings;
}

/** A numeric field's value as its check reads it ("3,000" is 3000); only for fields without a problem. */
function numberOf(values: Pick<FormValues, 'epochs' | 'batchSize' | 'learningRate' | 'validationSplit' | 'seed' | 'limit'>, name: 'epochs' | 'batchSize' | 'learningRate' | 'validationSplit' | 'seed' | 'limit'): number {
	return trainChecks[name](values[name].trim()).value!;
}

/** The options to train with, or undefined while a field is wrong. */
export function formOptions(values: FormValues, context: ModelNames): TrainOptions | undefined {
	if (Object.keys(formProblems(values, context)).length > 0) return undefined;
	const preset = values.preset.trim() as PresetName;
	const {defaults} = presets[preset];
	const options: TrainOptions = {
		preset,
		augment: defaults.augment,
		schedule: defaults.schedule,
		epochs: numberOf(values, 'epochs'),
		batchSize: numberOf(values, 'batchSize'),
		learningRate: numberOf(values, 'learningRate'),
		validationSplit: numberOf(values, 'validationSplit'),
		seed: numberOf(values, 'seed'),
	};
	if (values.limit.trim() !== '') options.limit = numberOf(values, 'limit');
	if (values.model.trim() !== '') options.model = values.model.trim();
	// Teaching: `digits train --from`'s settings (augmented, constant rate, samples held out, not MNIST).
	if (values.from !== '') Object.assign(options, {from: values.from, augment: teachDefaults.augment, schedule: 'constant', validationSplit: 0});
	return options;
}

/** A run of the whole training set takes minutes: the form asks once before the first one (teaching runs a fixed number of batches). */
export function startNeedsConfirmation(form: FormState): boolean {
	return form.values.limit.trim() === '' && form.values.from === '' && !form.wholeSetConfirmed;
}

/** The question asked before a run of the whole training set. */
export function wholeSetQuestion(values: FormValues): string {
	return `train on all ${counted(trainingImages, 'training image')} (${counted(numberOf(values, 'epochs'), 'epoch')})? it takes minutes`;
}

export type FormState = {
	values: FormValues;
	/** 0 … fields.length − 1 for a field; fields.length is the "start training" row. */
	selected: number;
	editing: boolean;
	/** Set when start was refused: the problems are then shown prominently. */
	attempted: boolean;
	/** Asking whether to train on the whole training set. */
	confirming: boolean;
	/** The user said yes once: later runs of the whole set start without asking. */
	wholeSetConfirmed: boolean;
	/** The models the "teach" field offers, after "off". */
	teachable: readonly Teachable[];
};

export type FormAction =
	| {type: 'move'; by: number}
	| {type: 'edit'}
	| {type: 'leave'}
	| {type: 'type'; text: string}
	| {type: 'erase'}
	| {type: 'clear'}
	| {type: 'cycle'; by: number}
	| {type: 'reset'}
	| {type: 'refused'; firstProblem: number}
	| {type: 'ask'}
	| {type: 'answer'; yes: boolean};

export function initialForm(values: Partial<FormValues> = {}, teachable: readonly Teachable[] = []): FormState {
	const form: FormState = {values: {...defaultFormValues(), ...values, from: ''}, selected: 0, editing: false, attempted: false, confirming: false, wholeSetConfirmed: false, teachable};
	return values.from ? {...form, values: withFrom(form.values, values.from, teachable)} : form;
}

/** The choices of a choice field: the presets, or off and the models that can be taught. */
export function choicesOf(field: Field, form: FormState): readonly string[] {
	return field.name === 'from' ? ['', ...form.teachable.map(entry => entry.name)] : (field.choices ?? []);
}

export const startRow = fields.length;

export function formReducer(state: FormState, action: FormAction): FormState {
	const field = fields[state.selected];
	const set = (text: string): FormState => (field ? {...state, values: {...state.values, [field.name]: text}} : state);
	switch (action.type) {
		case 'move':
			// No wrapping: ↑ on the first field must not land on "start training", one Enter from a run.
			return {...state, editing: false, selected: Math.min(Math.max(state.selected + action.by, 0), startRow)};
		case 'edit':
			// A choice cycles instead of opening a text field.
			if (!field || fieldLock(field.name, state.values)) return state;
			if (field.choices) return formReducer(state, {type: 'cycle', by: 1});
			return {...state, editing: true};
		case 'leave':
			return {...state, editing: false};
		case 'type': {
			// Keep printable characters only: a paste may carry line breaks.
			const text = [...action.text].filter(character => character >= ' ' && character !== '\u007F').join('');
			return state.editing && text ? set(state.values[field!.name] + text) : state;
		}
		case 'erase':
			return state.editing ? set([...state.values[field!.name]].slice(0, -1).join('')) : state;
		case 'clear':
			return state.editing ? set('') : state;
		case 'cycle': {
			if (!field?.choices || fieldLock(field.name, state.values)) return state;
			const choices = choicesOf(field, state);
			if (choices.length === 0) return state;
			const next = choices[(choices.indexOf(state.values[field.name]) + action.by + choices.length) % choices.length]!;
			if (field.name === 'from') return {...state, values: withFrom(state.values, next, state.teachable)};
			return field.name === 'preset' ? {...state, values: withPreset(state.values, next)} : set(next);
		}
		case 'reset':
			return {...initialForm({}, state.teachable), selected: state.selected, wholeSetConfirmed: state.wholeSetConfirmed};
		case 'refused':
			return {...state, attempted: true, editing: false, selected: action.firstProblem};
		case 'ask':
			return {...state, editing: false, confirming: true};
		case 'answer':
			return {...state, confirming: false, wholeSetConfirmed: state.wholeSetConfirmed || action.yes};
	}
}
