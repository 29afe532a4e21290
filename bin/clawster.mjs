#!/usr/bin/env node
// The `clawster` command. It runs the TypeScript sources directly with Node 24's type stripping.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 24 || (major === 24 && minor < 16)) {
  process.stderr.write(
    `clawster: Node ${process.versions.node} is too old; Clawster needs Node 24.16 or newer. ` +
      'Run it through `npm run clawster -- …`, which fetches a suitable Node.\n',
  );
  process.exit(1);
}
await import('../main/cli/clawster.ts');
