// The page's one way to the server: every call carries this tab's model choice and token,
// and a 401 asks for the token (once for all the calls waiting on it), then tries again.
import type {Evaluation, ModelDescription, ModelList, NumberOutcome, Outcome} from './types.js';

const tokenKey = 'digits.token';
const modelKey = 'digits.model';

/** An answer other than 2xx, with the server's one sentence. */
export class ApiError extends Error {
	constructor(
		message: string,
		readonly status: number,
	) {
		super(message);
	}
}

/** Shows the token form (with the server's sentence when a token was sent and refused) and resolves with what the user typed. */
export type TokenAsker = (refused: string | undefined) => Promise<string>;

let askToken: TokenAsker | undefined;
// Calls that get 401 while the form is open wait for the same answer.
let pendingToken: Promise<string> | undefined;

export function onTokenNeeded(asker: TokenAsker): void {
	askToken = asker;
}

/** The model this tab picked, or undefined for the server's default (kept per tab: sessionStorage). */
export function chosenModel(): string | undefined {
	return sessionStorage.getItem(modelKey) ?? undefined;
}

export function chooseModel(name: string | undefined): void {
	if (name === undefined) sessionStorage.removeItem(modelKey);
	else sessionStorage.setItem(modelKey, name);
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
	for (;;) {
		const headers = new Headers(init.headers);
		const token = sessionStorage.getItem(tokenKey);
		if (token) headers.set('Authorization', `Bearer ${token}`);
		const response = await fetch(path, {...init, headers});
		const body = (await response.json().catch(() => ({error: `The server answered ${response.status} without JSON.`}))) as unknown;
		if (response.ok) return body as T;
		const message = (body as {error?: string}).error ?? `The server answered ${response.status}.`;
		if (response.status !== 401 || !askToken) throw new ApiError(message, response.status);
		pendingToken ??= askToken(token ? message : undefined).finally(() => (pendingToken = undefined));
		sessionStorage.setItem(tokenKey, await pendingToken);
	}
}

/** `path` with this tab's `model=` (and any other parameters) added. */
function withModel(path: string, parameters: Record<string, string> = {}): string {
	const model = chosenModel();
	const query = new URLSearchParams(model === undefined ? parameters : {...parameters, model});
	const text = query.toString();
	return text ? `${path}?${text}` : path;
}

/** One image (a drawing) as the raw body; the answer includes the 28×28 the model saw. */
export async function predictImage(image: Blob): Promise<Outcome> {
	const answers = await call<Outcome[]>(withModel('/api/predict', {input: '1'}), {method: 'POST', body: image, headers: {'Content-Type': image.type || 'application/octet-stream'}});
	return answers[0]!;
}

/** A drawing of a whole number as the raw body; each digit comes with the 28×28 the model saw. */
export async function readNumberImage(image: Blob): Promise<NumberOutcome> {
	const answers = await call<NumberOutcome[]>(withModel('/api/predict', {input: '1', number: '1'}), {method: 'POST', body: image, headers: {'Content-Type': image.type || 'application/octet-stream'}});
	return answers[0]!;
}

function filesForm(files: File[]): FormData {
	const form = new FormData();
	for (const file of files) form.append('file', file, file.name);
	return form;
}

/** Several files in one multipart form: one outcome each, in order. */
export async function predictFiles(files: File[]): Promise<Outcome[]> {
	return call<Outcome[]>(withModel('/api/predict', {input: '1'}), {method: 'POST', body: filesForm(files)});
}

/** Several pictures of numbers in one multipart form: one number (or failure) each, in order. */
export async function readNumberFiles(files: File[]): Promise<NumberOutcome[]> {
	return call<NumberOutcome[]>(withModel('/api/predict', {input: '1', number: '1'}), {method: 'POST', body: filesForm(files)});
}

export const listModels = () => call<ModelList>('/api/models');

export const describeModel = (name: string) => call<ModelDescription>(`/api/models/${encodeURIComponent(name)}`);

export const evaluateModel = (name: string) => call<Evaluation>(`/api/models/${encodeURIComponent(name)}/evaluation`);
