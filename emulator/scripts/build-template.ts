// Builds the prebuilt database template at install time, so the first `npm start` is fast too.
import { ensureTemplate } from '../src/db/node-template.js';

const started = performance.now();
const template = await ensureTemplate(() => process.stderr.write('authlab: building the database template…\n'));
process.stderr.write(`authlab: database template ready (${Math.round(performance.now() - started)} ms): ${template.dir}\n`);
