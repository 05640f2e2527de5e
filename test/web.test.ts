// The web page of `digits serve`, in a real browser (Debian's chromium through playwright-core)
// against the built server, as a user meets it: drawing with the pointer, uploading files,
// the model tab, a token, and a phone's width.
import assert from 'node:assert/strict';
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {chromium, type Browser, type Page} from 'playwright-core';
import {loadMnist} from '../source/data/mnist.js';
import {writeGrayPng} from '../source/image/load.js';
import {digitInk, numberPicture, writePicture} from './digit-fixtures.js';
import {builtBin, temporaryHome} from './helpers.js';

const executablePath = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {encoding: 'utf8'}).stdout.trim().split('\n')[0];
const missing = executablePath ? false : 'chromium is not installed (apt-get install chromium)';
if (missing) {
	console.log(`# web.test.ts: skipped, ${missing}`);
	// CI installs chromium (.ci/run): there, a missing browser is a broken setup, not a reason to skip.
	if (process.env['CI'] === 'true') test('chromium is installed for the browser tests', () => assert.fail(missing));
}

const home = temporaryHome();
const servers: ChildProcess[] = [];
let browser: Browser;

/** Starts the built `digits serve --port 0 ARGS` and returns the address from its first line. */
async function serve(...args: string[]): Promise<string> {
	const child = spawn(process.execPath, [builtBin, 'serve', '--port', '0', ...args], {stdio: ['ignore', 'pipe', 'pipe']});
	servers.push(child);
	let stderr = '';
	child.stderr.on('data', chunk => (stderr += chunk));
	return new Promise((resolve, reject) => {
		let stdout = '';
		child.stdout.on('data', chunk => {
			stdout += chunk;
			const url = /^digits serve: (http:\/\/\S+) /.exec(stdout)?.[1];
			if (url) resolve(url);
		});
		child.on('exit', code => reject(new Error(`digits serve exited with ${code}: ${stderr}`)));
	});
}

type Opened = {page: Page; errors: string[]};

/** A fresh page (its own sessionStorage) at `url`, collecting console errors and uncaught exceptions. */
async function open(url: string, viewport = {width: 1280, height: 860}): Promise<Opened> {
	const page = await browser.newPage({viewport});
	const errors: string[] = [];
	page.on('console', message => {
		if (message.type() === 'error') errors.push(message.text());
	});
	page.on('pageerror', error => errors.push(error.message));
	await page.goto(url);
	return {page, errors};
}

/**
 * Draws a 7 on the pad with real pointer events (the bar across the top, then the stem down to
 * the left) and waits for the answer to the whole drawing, not one sent halfway through the stroke.
 */
async function drawSeven(page: Page): Promise<void> {
	const box = (await page.locator('#pad').boundingBox())!;
	const at = (x: number, y: number) => [box.x + x * box.width, box.y + y * box.height] as const;
	await page.mouse.move(...at(0.28, 0.24));
	await page.mouse.down();
	for (const [x, y] of [[0.5, 0.24], [0.72, 0.24], [0.62, 0.45], [0.54, 0.62], [0.46, 0.8]] as const) await page.mouse.move(...at(x, y), {steps: 8});
	await page.mouse.up();
	await settled(page);
}

const settled = (page: Page) => page.locator('#answer[aria-busy="false"]').waitFor();

type Stroke = Array<readonly [number, number]>;
/** Digits as pen strokes around their center, in shares of the wide pad (x) and of its height (y). */
const glyphs: Record<string, Stroke[]> = {
	'1': [[[0, -0.3], [0, 0.3]]],
	'7': [[[-0.06, -0.28], [0.06, -0.28], [0, 0], [-0.03, 0.3]]],
	'4': [[[-0.01, -0.3], [-0.06, 0.08], [0.06, 0.08]], [[0.035, -0.12], [0.035, 0.32]]],
	'0': [Array.from({length: 25}, (_, i) => [0.055 * Math.sin((i / 24) * 2 * Math.PI), -0.28 * Math.cos((i / 24) * 2 * Math.PI)] as const)],
};

/** Writes `text` on the number pad with real pointer events, its digits a fifth of the pad apart, and waits for the answer to all of it. */
async function writeNumber(page: Page, text: string): Promise<number[]> {
	const box = (await page.locator('#pad').boundingBox())!;
	const centers = [...text].map((_, i) => 0.2 + i * 0.2);
	for (const [i, character] of [...text].entries()) {
		for (const [first, ...rest] of glyphs[character]!) {
			const at = ([x, y]: readonly [number, number]) => [box.x + (centers[i]! + x) * box.width, box.y + (0.5 + y) * box.height] as const;
			await page.mouse.move(...at(first!));
			await page.mouse.down();
			for (const point of rest) await page.mouse.move(...at(point), {steps: 6});
			await page.mouse.up();
		}
	}
	await page.locator('#number-answer[aria-busy="false"]').waitFor();
	return centers;
}

/** Whether the page scrolls sideways: its width against the window's. */
const sideways = (page: Page) => page.evaluate(() => ({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth}));

/** How many of the 28×28 pixels of "what the model sees" are lit. */
async function litPixels(page: Page, selector: string): Promise<number> {
	return page.locator(selector).evaluate((canvas: HTMLCanvasElement) => {
		const {data} = canvas.getContext('2d')!.getImageData(0, 0, 28, 28);
		let lit = 0;
		for (let i = 0; i < data.length; i += 4) if (data[i]! > 64) lit++;
		return lit;
	});
}

describe('the web page', {skip: missing}, () => {
	let url: string;
	let seven: string;
	let broken: string;
	let numberFile: {file: string; number: string};

	before(async () => {
		browser = await chromium.launch({executablePath, args: ['--no-sandbox']});
		url = await serve();
		// An MNIST test digit (a 7) as a photo-sized picture, dark on white, and a text file posing as a PNG.
		const mnist = await loadMnist('test', {limit: 1});
		assert.equal(mnist.labels[0], 7);
		const ink = digitInk(Float32Array.from(mnist.images.subarray(0, 784), value => value / 255), 112);
		seven = path.join(home, 'seven.png');
		await writeGrayPng(seven, {width: 112, height: 112, data: ink.map(value => 1 - value)});
		broken = path.join(home, 'broken.png');
		fs.writeFileSync(broken, 'this is not a picture\n');
		// Three MNIST test digits side by side (labels 2, 0, 4: a leading digit, a zero inside).
		const digits = await loadMnist('test', {limit: 5});
		const indices = [1, 3, 4];
		const picture = numberPicture(indices.map(index => Float32Array.from(digits.images.subarray(index * 784, (index + 1) * 784), value => value / 255)));
		numberFile = {file: await writePicture(home, 'number', picture), number: indices.map(index => digits.labels[index]).join('')};
	});

	after(async () => {
		await browser?.close();
		for (const server of servers) server.kill('SIGTERM');
		await Promise.all(servers.map(server => new Promise(resolve => (server.exitCode === null ? server.once('exit', resolve) : resolve(null)))));
		fs.rmSync(home, {recursive: true, force: true});
	});

	test('drawing a 7 with the pointer shows 7, ten bars and what the model saw; undo and clear take it back', async () => {
		const {page, errors} = await open(url);
		assert.equal(await page.locator('#answer-digit').textContent(), '?');
		await drawSeven(page);
		assert.equal(await page.locator('#answer-digit').textContent(), '7');
		assert.match((await page.locator('#answer-confidence').textContent())!, /^\d+\.\d% sure$/);
		assert.equal(await page.locator('#answer-bars li').count(), 10);
		assert.equal(await page.locator('#answer-bars li.top .label').textContent(), '7');
		assert.ok((await litPixels(page, '#answer-input')) > 40, 'the 28×28 input is drawn');
		// Backspace takes back the one stroke, and the page says there is nothing to read.
		await page.keyboard.press('Backspace');
		await settled(page);
		assert.equal(await page.locator('#answer-digit').textContent(), '?');
		await drawSeven(page);
		assert.equal(await page.locator('#answer-digit').textContent(), '7');
		await page.getByRole('button', {name: /Clear/}).click();
		await settled(page);
		assert.equal(await page.locator('#answer-digit').textContent(), '?');
		assert.equal(await litPixels(page, '#answer-input'), 0);
		assert.deepEqual(errors, []);
	});

	test('uploading a picture shows its digit; a broken file shows the server\'s sentence', async () => {
		const {page, errors} = await open(`${url}#upload`);
		await page.setInputFiles('#upload-input', [seven, broken]);
		await page.locator('#upload-results li').nth(1).waitFor();
		const [good, bad] = [page.locator('#upload-results li').nth(0), page.locator('#upload-results li').nth(1)];
		assert.equal(await good.locator('.file-name').textContent(), 'seven.png');
		assert.equal(await good.locator('.row-digit').textContent(), '7');
		// The sentence is the API's own, word for word.
		const form = new FormData();
		form.append('file', new Blob([fs.readFileSync(broken)]), 'broken.png');
		const [answer] = (await (await fetch(`${url}api/predict`, {method: 'POST', body: form})).json()) as Array<{error: string}>;
		assert.match(answer!.error, /broken\.png/);
		assert.equal(await bad.locator('.error').textContent(), answer!.error);
		assert.equal(await page.locator('#upload-status').textContent(), '1 of 2 read.');
		assert.deepEqual(errors, []);
	});

	test('the model tab shows the test accuracy, the history chart, the confusion matrix and the per-digit report', async () => {
		const {models} = (await (await fetch(`${url}api/models`)).json()) as {models: Array<{name: string; testAccuracy: number; isDefault: boolean}>};
		const model = models.find(each => each.isDefault)!;
		const {page, errors} = await open(`${url}#model`);
		await page.locator('table.confusion').waitFor({timeout: 120_000});
		assert.match((await page.locator('#model-summary').textContent())!, new RegExp(`Test accuracy${(model.testAccuracy * 100).toFixed(2)}%`));
		assert.ok((await page.locator('svg.chart polyline').count()) >= 1);
		const counts = await page.locator('table.confusion tbody td').allTextContents();
		assert.equal(counts.length, 100);
		assert.equal(
			counts.reduce((sum, count) => sum + Number(count), 0),
			10_000,
		);
		assert.equal(await page.locator('table.report tbody tr').count(), 12);
		assert.deepEqual(errors, []);
	});

	test('the model picker applies to this tab: its predictions and its model tab', async () => {
		const {page, errors} = await open(url);
		await page.locator('#model-picker:enabled').waitFor();
		await page.selectOption('#model-picker', 'classic');
		const predicted = page.waitForRequest(request => request.url().includes('/api/predict'));
		await drawSeven(page);
		assert.match((await predicted).url(), /[?&]model=classic(&|$)/);
		await page.goto(`${url}#model`);
		await page.locator('#model-summary dd', {hasText: 'classic'}).first().waitFor();
		// Another tab still has the server's default.
		const other = await open(url);
		await other.page.locator('#model-picker:enabled').waitFor();
		assert.notEqual(await other.page.locator('#model-picker').inputValue(), 'classic');
		assert.deepEqual([...errors, ...other.errors], []);
	});

	test('at a phone\'s width (375 px) no tab scrolls sideways', async () => {
		const {page, errors} = await open(url, {width: 375, height: 740});
		await drawSeven(page);
		assert.equal(await page.locator('#answer-digit').textContent(), '7');
		for (const tab of ['draw', 'upload', 'model']) {
			await page.goto(`${url}#${tab}`);
			if (tab === 'model') await page.locator('table.confusion').waitFor({timeout: 120_000});
			const {scroll, client} = await page.evaluate(() => ({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth}));
			assert.ok(scroll <= client, `#${tab} is ${scroll} px wide in a ${client} px window`);
		}
		assert.deepEqual(errors, []);
	});

	test('number mode: 1704 written on the wide pad reads 1704, a box over each digit where it was written, each digit\'s 28×28; N goes back', async () => {
		const {page, errors} = await open(url);
		await page.getByRole('button', {name: /^Number/}).click();
		assert.equal(await page.locator('#mode-number').getAttribute('aria-pressed'), 'true');
		assert.equal(await page.locator('#pad').evaluate((canvas: HTMLCanvasElement) => canvas.width / canvas.height), 2.5);
		assert.ok(await page.locator('#answer').isHidden());
		const centers = await writeNumber(page, '1704');
		assert.equal(await page.locator('#number-value').textContent(), '1704');
		assert.match((await page.locator('#number-confidence').textContent())!, /^\d+\.\d% sure$/);
		// The boxes lie over the digits in order, each around the place its strokes were drawn.
		const pad = (await page.locator('#pad').boundingBox())!;
		const boxes = page.locator('#pad-boxes .digit-box');
		assert.deepEqual(await boxes.locator('.digit-box-label').allTextContents(), ['1', '7', '0', '4']);
		for (const [i, center] of centers.entries()) {
			const box = (await boxes.nth(i).boundingBox())!;
			const x = pad.x + center * pad.width;
			assert.ok(box.x < x && box.x + box.width > x && box.y > pad.y && box.y + box.height < pad.y + pad.height, `box ${i} ${JSON.stringify(box)} holds x = ${x}`);
		}
		assert.equal(await page.locator('#number-digits li').count(), 4);
		for (let i = 0; i < 4; i++) assert.ok((await litPixels(page, `#number-digits li:nth-child(${i + 1}) canvas`)) > 20, `digit ${i}'s 28×28 is drawn`);
		// Undo takes back the 4's stem (its last stroke): the number is read again.
		await page.keyboard.press('Backspace');
		await page.locator('#number-answer[aria-busy="false"]').waitFor();
		assert.equal(await page.locator('#pad-boxes .digit-box').count(), 4);
		// The key N goes back to one digit: the square pad, empty, and the digit's answer.
		await page.keyboard.press('n');
		assert.equal(await page.locator('#mode-digit').getAttribute('aria-pressed'), 'true');
		assert.equal(await page.locator('#pad').evaluate((canvas: HTMLCanvasElement) => canvas.width / canvas.height), 1);
		assert.equal(await page.locator('#pad-boxes .digit-box').count(), 0);
		await drawSeven(page);
		assert.equal(await page.locator('#answer-digit').textContent(), '7');
		assert.deepEqual(errors, []);
	});

	test('number mode uploads: a picture of a number reads as that number, a broken file says why; the mode is kept for the tab', async () => {
		const {page, errors} = await open(`${url}#upload`);
		await page.keyboard.press('n');
		assert.equal(await page.locator('#drop-title').textContent(), 'Choose pictures of numbers');
		await page.setInputFiles('#upload-input', [numberFile.file, broken]);
		await page.locator('#upload-results li').nth(1).waitFor();
		const [good, bad] = [page.locator('#upload-results li').nth(0), page.locator('#upload-results li').nth(1)];
		assert.equal(await good.locator('.row-digit').textContent(), numberFile.number);
		assert.equal(await good.locator('.seen-strip canvas').count(), numberFile.number.length);
		assert.match((await good.locator('.verdict').textContent())!, /sure|Not sure/);
		assert.match((await bad.locator('.error').textContent())!, /broken\.png/);
		assert.equal(await page.locator('#upload-status').textContent(), '1 of 2 read.');
		await page.reload();
		await page.locator('#model-picker:enabled').waitFor();
		assert.equal(await page.locator('#mode-number').getAttribute('aria-pressed'), 'true');
		assert.deepEqual(errors, []);
	});

	test('number mode at a phone\'s width (375 px): the pad fits, and neither tab scrolls sideways', async () => {
		const {page, errors} = await open(url, {width: 375, height: 740});
		await page.getByRole('button', {name: /^Number/}).click();
		await writeNumber(page, '170');
		assert.equal(await page.locator('#number-value').textContent(), '170');
		for (const tab of ['draw', 'upload']) {
			await page.goto(`${url}#${tab}`);
			const {scroll, client} = await sideways(page);
			assert.ok(scroll <= client, `#${tab} is ${scroll} px wide in a ${client} px window`);
		}
		assert.deepEqual(errors, []);
	});

	test('with --token the page asks for the token (again when it is wrong), keeps it for the tab and sends it', async () => {
		const secret = 'correct-horse-battery';
		const guarded = await serve('--token', secret);
		const {page, errors} = await open(guarded);
		await page.locator('#token-dialog[open]').waitFor();
		assert.match((await page.locator('#token-reason').textContent())!, /--token/);
		// A wrong token: the form comes back with the server's sentence.
		await page.fill('#token-input', 'wrong');
		await page.getByRole('button', {name: 'Use this token'}).click();
		await page.locator('#token-reason', {hasText: 'The token is wrong'}).waitFor();
		await page.fill('#token-input', secret);
		await page.getByRole('button', {name: 'Use this token'}).click();
		await page.locator('#model-picker:enabled').waitFor();
		const predicted = page.waitForRequest(request => request.url().includes('/api/predict'));
		await drawSeven(page);
		assert.equal((await predicted).headers()['authorization'], `Bearer ${secret}`);
		assert.equal(await page.locator('#answer-digit').textContent(), '7');
		assert.equal(await page.locator('#token-dialog[open]').count(), 0);
		// The browser itself logs the first 401 as a failed resource; nothing else may fail.
		assert.deepEqual(
			errors.filter(error => !/status of 401/.test(error)),
			[],
		);
	});
});
