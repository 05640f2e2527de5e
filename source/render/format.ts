// Small number → text formatters shared by the commands and the screens.
import type {BackendName} from '../model/types.js';

const backendLabels: Record<BackendName, string> = {tensorflow: 'native (TensorFlow)', wasm: 'wasm', cpu: 'pure JS'};

export function backendLabel(backend: BackendName): string {
	return backendLabels[backend];
}

/** 0.98765 → "98.77%". */
export function percent(fraction: number, decimals = 2): string {
	return `${(fraction * 100).toFixed(decimals)}%`;
}

/** 12345.6 → "12,346". */
export function count(value: number): string {
	return Math.round(value).toLocaleString('en-US');
}

/** Seconds → "0.8 s", "42 s", "3 min 05 s", "1 h 02 min". */
export function duration(seconds: number): string {
	if (seconds < 10) return `${seconds.toFixed(1)} s`;
	if (seconds < 60) return `${Math.round(seconds)} s`;
	const whole = Math.round(seconds);
	const minutes = Math.floor(whole / 60);
	if (minutes < 60) return `${minutes} min ${String(whole % 60).padStart(2, '0')} s`;
	return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** Per-second rate: 2712.4 → "2,712/s", 45.26 → "45.3/s", 3.417 → "3.42/s". */
export function rate(perSecond: number, unit = ''): string {
	return `${rateFigure(perSecond)}${unit ? ` ${unit}/s` : '/s'}`;
}

/** The number of a rate, as tables under a "…/s" title show it: 2712.4 → "2,712", 45.26 → "45.3". */
export function rateFigure(perSecond: number): string {
	if (!Number.isFinite(perSecond) || perSecond < 0) return '–';
	if (perSecond >= 100) return count(perSecond);
	return perSecond.toFixed(perSecond >= 10 ? 1 : 2);
}

/** Time left, or a dash while it cannot be known yet. */
export function remaining(seconds: number | undefined): string {
	return seconds === undefined || !Number.isFinite(seconds) || seconds < 0 ? '–' : duration(seconds);
}

/** A count with its noun: 1 → "1 epoch", 3 → "3 epochs", 60000 → "60,000 images". */
export function counted(value: number, noun: string): string {
	return `${count(value)} ${value === 1 ? noun : `${noun}s`}`;
}
