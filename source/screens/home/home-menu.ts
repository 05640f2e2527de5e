// The home menu as data: each item, what it opens and the line beside it; Train says why it is off.
import type {BackendStatus} from '../../components/StatusLine.js';

export type ScreenName = 'home' | 'train' | 'evaluate' | 'examples' | 'modelInfo' | 'sketch' | 'loadImage';

export type MenuItem = {label: string; description: string; screen?: ScreenName; quit?: boolean; disabled?: string};

export function menuItems(backend: BackendStatus): MenuItem[] {
	const trainOff =
		backend.state === 'ready' && backend.backend !== 'tensorflow'
			? `needs the native backend (${backend.reason ?? 'not available'})`
			: backend.state === 'failed'
				? 'the model service did not start'
				: undefined;
	return [
		{label: 'Train', description: 'train a network on MNIST and watch it learn', screen: 'train', disabled: trainOff},
		{label: 'Evaluate', description: 'accuracy, confusion matrix, report, mistakes', screen: 'evaluate'},
		{label: 'Sketch', description: 'draw a digit and watch the model read it', screen: 'sketch'},
		{label: 'Load image', description: 'read the digit in an image file', screen: 'loadImage'},
		{label: 'Examples', description: 'random test digits and what the model reads', screen: 'examples'},
		{label: 'Model info', description: 'layers, settings, history, where it is saved', screen: 'modelInfo'},
		{label: 'Quit', description: 'leave digits', quit: true},
	];
}
