// Micro-benchmark of what `digits serve` does per PNG upload before the model: each stage of
// prepareImage on the 1,000 MNIST test PNGs the serving bench sends, min and median of repeats
// (CPU µs per image). `node --import tsx bench/prepare-stages.ts [--repeats N]`
import {fileTypeFromBuffer} from 'file-type';
import {imageSize} from 'image-size';
import {prepareImage} from '../source/image/prepare.js';
import {preprocessForModel} from '../source/image/preprocess.js';
import {readImage} from '../source/image/load.js';
import {servingPayloads} from './serve-bench.js';

const repeats = Number(process.argv[process.argv.indexOf('--repeats') + 1]) || 9;
const {png} = await servingPayloads(1000);
const loaded = await Promise.all(png.map(bytes => readImage(bytes, 'bench')));
const {Jimp} = await import('jimp');

const stages: Record<string, () => unknown> = {
	'file-type': () => Promise.all(png.map(bytes => fileTypeFromBuffer(bytes))),
	'image-size': () => png.forEach(bytes => imageSize(bytes)),
	'jimp decode': () => Promise.all(png.map(bytes => Jimp.fromBuffer(bytes))),
	readImage: () => Promise.all(png.map(bytes => readImage(bytes, 'bench'))),
	preprocessForModel: () => loaded.forEach(image => preprocessForModel(image)),
	prepareImage: () => Promise.all(png.map(bytes => prepareImage(bytes, 'bench'))),
};

for (const [name, run] of Object.entries(stages)) {
	const times: number[] = [];
	for (let r = 0; r < repeats; r++) {
		// CPU time, not wall-clock: the machines these run on are shared.
		const start = process.cpuUsage();
		await run();
		const used = process.cpuUsage(start);
		times.push((used.user + used.system) / png.length);
	}
	times.sort((a, b) => a - b);
	console.log(`${name.padEnd(20)} min ${times[0]!.toFixed(1).padStart(7)} µs   median ${times[Math.floor(times.length / 2)]!.toFixed(1).padStart(7)} µs`);
}
