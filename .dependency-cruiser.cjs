/** The layering rules of the codebase (run by `npm run layering`, part of `npm test`). */
module.exports = {
  forbidden: [
    {
      name: 'renderer-only-shared',
      comment: 'The renderer talks to main only through the contract; it never imports main or preload.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(main|preload)/' },
    },
    {
      name: 'shared-imports-nothing-of-ours',
      comment: 'shared/ is pure code used by every process: it imports neither main, renderer nor preload.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(main|renderer|preload)/|^electron$|node_modules/electron/' },
    },
    {
      name: 'shared-no-io',
      comment: 'shared/ runs in the renderer too: no Node built-ins (no disk, network, process).',
      severity: 'error',
      from: { path: '^shared/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'preload-only-shared',
      comment: 'The preload is tiny: electron and shared/ only.',
      severity: 'error',
      from: { path: '^preload/' },
      to: { path: '^(main|renderer)/' },
    },
    {
      name: 'control-plane-without-electron',
      comment: 'Only main/shell/ may import electron; the control plane runs the same headless.',
      severity: 'error',
      from: { path: '^main/', pathNot: '^main/shell/' },
      to: { path: '^electron$|node_modules/electron/' },
    },
    {
      name: 'renderer-without-electron',
      comment: 'The renderer is a sandboxed web page.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^electron$|node_modules/electron/' },
    },
    {
      name: 'renderer-without-node',
      comment: 'The renderer is a sandboxed web page: no Node built-ins.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^out/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
