// A worker thread for digit-fixtures.ts: makes and reads its share of the fixtures.
import {parentPort, workerData} from 'node:worker_threads';
import {type FixtureResult, type FixtureTask, writeAndRead} from './digit-fixtures.js';

const {folder, tasks} = workerData as {folder: string; tasks: FixtureTask[]};
const results: FixtureResult[] = [];
for (const task of tasks) results.push(await writeAndRead(folder, task));
parentPort!.postMessage(results);
