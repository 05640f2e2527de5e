#!/usr/bin/env node
// The `digits` bin. A command that needs TensorFlow starts the model service's child before
// the rest of the program loads: TensorFlow takes a second to load there, the program's own
// modules a tenth of one here, and the two now overlap. main.ts does everything else.
import {ModelServiceProcess, workOf} from './model/service.js';
import {restoreInterruptedSwaps} from './model/store.js';

restoreInterruptedSwaps();

const argv = process.argv.slice(2);
const asksForHelp = argv.some(arg => arg === '--help' || arg === '-h' || arg === '--version');
const work = asksForHelp ? undefined : workOf(argv[0]);
const service = new ModelServiceProcess({debug: argv.includes('--debug')});
if (work) service.ready(work).catch(() => {});
const {run} = await import('./main.js');
await run(argv, service);
