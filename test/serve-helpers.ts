// The built `digits serve` on a free port, as tests start it, and MNIST digits as the PNG files people upload.
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {Jimp} from 'jimp';
import {loadMnist} from '../source/data/mnist.js';
import {builtBin} from './helpers.js';

export type Server = {
	url: string;
	process: ChildProcessWithoutNullStreams;
	stdout: () => string;
	stderr: () => string;
	/** The exit code once the process ended. */
	closed: Promise<number | null>;
	stop: () => Promise<number | null>;
};

/** Starts `digits serve --port 0 ARGS` from dist/ and resolves with its address once it listens. */
export function startServer(args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<Server> {
	const child = spawn(process.execPath, [builtBin, 'serve', '--port', '0', ...args], {env: {...process.env, ...env}});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', chunk => (stdout += chunk));
	child.stderr.on('data', chunk => (stderr += chunk));
	const closed = new Promise<number | null>(resolve => child.on('close', code => resolve(code)));
	const stop = async () => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
		return closed;
	};
	return new Promise((resolve, reject) => {
		const check = () => {
			const url = /^digits serve: (http:\/\/\S+?)\/? /m.exec(stdout)?.[1];
			if (url) {
				child.stdout.off('data', check);
				resolve({url, process: child, stdout: () => stdout, stderr: () => stderr, closed, stop});
			}
		};
		child.stdout.on('data', check);
		void closed.then(code => reject(new Error(`digits serve ended (${code}) before listening: ${stderr}`)));
	});
}

/** Waits until the server's default model is loaded (readiness true). */
export async function untilReady(server: Server, timeoutMs = 60_000): Promise<void> {
	const started = Date.now();
	while (Date.now() - started < timeoutMs) {
		const response = await fetch(`${server.url}/v2/health/ready`).catch(() => undefined);
		if (response?.status === 200) return;
		await new Promise(resolve => setTimeout(resolve, 100));
	}
	throw new Error('the server never became ready');
}

/** The first `count` MNIST test digits as 28×28 grayscale PNG files (white on black), with their labels. */
export async function mnistPngs(count: number): Promise<Array<{label: number; png: Uint8Array<ArrayBuffer>}>> {
	const test = await loadMnist('test', {limit: count});
	return Promise.all(
		Array.from({length: count}, async (_, i) => {
			const image = new Jimp({width: 28, height: 28, color: 0x000000ff});
			for (let p = 0; p < 784; p++) {
				const level = test.images[i * 784 + p]!;
				image.bitmap.data.set([level, level, level, 255], p * 4);
			}
			return {label: test.labels[i]!, png: new Uint8Array(await image.getBuffer('image/png'))};
		}),
	);
}
