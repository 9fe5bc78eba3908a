// Builds the database template into dist/template, where the package carries it (run by prepack),
// so no install ever builds one: the first `npx authlab` starts in about a second.
import { ensureTemplateIn, shippedTemplateRoot } from '../src/db/node-template.js';

const started = performance.now();
const template = await ensureTemplateIn(shippedTemplateRoot(), (message) => process.stderr.write(`authlab: ${message}\n`));
process.stderr.write(`authlab: database template ready (${Math.round(performance.now() - started)} ms): ${template.dir}\n`);
