/**
 * The emulator's layers, lowest first: a module may import its own layer and the ones below,
 * never one above, and nothing may import in a circle. `npm run lint:deps` checks it (npm test runs it).
 *
 * services.ts is the one context object every layer receives: it names the types of the pieces it
 * holds (mailer, keys, limits, the fake IdP's state) and so may import types from any layer, but
 * nothing else.
 */
const SRC = '^emulator/src/';
const LAYERS = [
  ['base', `${SRC}(config|errors|clock|services|supabase-config)\\.ts$|${SRC}(go|supabase-config)/`],
  ['db', `${SRC}db/`],
  ['tokens', `${SRC}tokens/`],
  ['auth', `${SRC}auth/`],
  ['http', `${SRC}http/`],
  ['pages', `${SRC}(mail|sms|idp)/`],
  ['routes', `${SRC}routes/`],
  ['app', `${SRC}(core|control)/`],
  ['host', `${SRC}(index|env-report|node|browser|cli)\\.ts$|${SRC}adapters/`],
];

const upward = LAYERS.slice(0, -1).map(([name, path], i) => ({
  name: `no-upward-from-${name}`,
  comment: `${name} may not import a higher layer (${LAYERS.slice(i + 1).map(([n]) => n).join(', ')})`,
  severity: 'error',
  from: { path, pathNot: `${SRC}services\\.ts$` },
  to: { path: LAYERS.slice(i + 1).map(([, p]) => `(${p})`).join('|') },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'modules that import each other, directly or through others (type imports count too)',
      severity: 'error',
      from: { path: SRC },
      to: { circular: true },
    },
    ...upward,
    {
      name: 'services-imports-types-only',
      comment: 'services.ts describes the context; it must not pull any layer in at run time',
      severity: 'error',
      from: { path: `${SRC}services\\.ts$` },
      to: { path: SRC, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: { path: SRC },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    // type-only imports are dependencies too: a cycle of types is still a cycle to read through
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
