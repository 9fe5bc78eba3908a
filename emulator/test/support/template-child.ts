// A process that wants the database template in a given cache folder (template-cache.test.ts runs
// two at once): prints each progress message, then the template's folder.
import { ensureTemplateIn } from '../../src/db/node-template.js';

const template = await ensureTemplateIn(process.argv[2]!, (message) => process.stdout.write(`progress: ${message}\n`));
process.stdout.write(`template: ${template.dir}\n`);
