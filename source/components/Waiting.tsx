// What the screens that show a model say while there is nothing to show yet: a spinner
// before a line of text, and the notice that no model is loaded.
import {Text} from 'ink';
import Spinner from 'ink-spinner';
import type {ReactNode} from 'react';
import {useTheme} from './theme-context.js';

/** The spinner and a space, to start a line with. */
export function Spinning() {
	const theme = useTheme();
	return (
		<Text color={theme.color('accent')}>
			<Spinner type={theme.ascii ? 'line' : 'dots'} />{' '}
		</Text>
	);
}

export function Busy({children}: {children: ReactNode}) {
	return (
		<Text>
			<Spinning />
			{children}
		</Text>
	);
}

export function NoModelYet() {
	const theme = useTheme();
	return <Text color={theme.color('warn')}>No model is loaded yet: train one (Train on the menu), or wait for the status line to show one.</Text>;
}
