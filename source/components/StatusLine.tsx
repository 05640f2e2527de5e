// The bottom line of every screen: the backend in use, the loaded model and its test
// accuracy (a spinner while either is on its way), and the screen's main keys.
import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import type {Hint} from '../input/keymap.js';
import type {BackendName} from '../model/types.js';
import {fitHints, fitLines} from '../render/fit-text.js';
import {backendLabel, percent} from '../render/format.js';
import {useTheme} from './theme-context.js';

export type BackendStatus = {state: 'starting'} | {state: 'ready'; backend: BackendName; reason?: string} | {state: 'failed'; message: string};

export type ModelStatus =
	| {state: 'waiting'}
	| {state: 'loading'; name?: string}
	| {state: 'loaded'; name: string; testAccuracy: number | null}
	| {state: 'none'}
	| {state: 'failed'; message: string};

export function StatusLine({backend, model, hints, width}: {backend: BackendStatus; model: ModelStatus; hints: Hint[]; width: number}) {
	const theme = useTheme();
	const waiting = backend.state === 'starting' || model.state === 'loading' || model.state === 'waiting';
	const keys = hints.map(hint => `${hint.keys} ${hint.label}`).join('  ');
	const separator = theme.ascii ? ' | ' : ' │ ';
	const backendPart = plain(backendText(backend), theme.ascii);
	const fullModelPart = plain(modelText(model), theme.ascii);
	// The backend and the model come first; the keys give way to them, down to a minimum.
	const backendWidth = (waiting ? 2 : 0) + backendPart.length + separator.length;
	const keysWidth = Math.max(Math.min(keys.length, width - backendWidth - fullModelPart.length - 2), Math.min(keys.length, 24));
	// Whole hints give way, never half a word; a model message too long ends after a whole word.
	const shownKeys = fitHints(hints, keysWidth);
	const modelWidth = Math.max(1, width - keysWidth - 2 - backendWidth);
	// A loaded model too long with its score keeps its name whole and leaves the score out.
	const modelPart = fullModelPart.length <= modelWidth || model.state !== 'loaded' ? fullModelPart : model.name;
	const shownModel = fitLines(modelPart, modelWidth, 1, theme.ascii)[0] ?? '';
	return (
		<Box width={width} flexShrink={0}>
			<Box flexGrow={1} flexShrink={1} overflow="hidden">
				<Text wrap="truncate-end">
					{waiting && (
						<Text color={theme.color('accent')}>
							<Spinner type="line" />{' '}
						</Text>
					)}
					<Text color={theme.color(backend.state === 'failed' ? 'bad' : 'muted')}>{backendPart}</Text>
					<Text color={theme.color('muted')}>{separator}</Text>
					<Text color={theme.color(model.state === 'failed' ? 'bad' : model.state === 'none' ? 'warn' : 'plain')}>{shownModel}</Text>
				</Text>
			</Box>
			<Box flexShrink={0} width={keysWidth} marginLeft={2} justifyContent="flex-end">
				<Text color={theme.color('muted')}>{shownKeys}</Text>
			</Box>
		</Box>
	);
}

function backendText(backend: BackendStatus): string {
	switch (backend.state) {
		case 'starting':
			return 'starting TensorFlow…';
		case 'ready':
			return backendLabel(backend.backend);
		case 'failed':
			return 'model service failed';
	}
}

function modelText(model: ModelStatus): string {
	switch (model.state) {
		case 'waiting':
			return 'model: waiting';
		case 'loading':
			return `loading ${model.name ?? 'the model'}…`;
		case 'loaded':
			return `${model.name} ${model.testAccuracy === null ? '(not scored)' : percent(model.testAccuracy)}`;
		case 'none':
			return 'no model yet';
		case 'failed':
			return model.message;
	}
}

function plain(text: string, ascii: boolean): string {
	return ascii ? text.replaceAll('…', '...') : text;
}
