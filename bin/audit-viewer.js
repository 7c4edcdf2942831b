#!/usr/bin/env node
// The package bin: runs the TypeScript CLI on Node's built-in type stripping (Node >= 22.18).
// Through npm (npx audit-viewer, npm run cli) the Node 24 from devDependencies is on the PATH.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(`audit-viewer needs Node >= 22.18 (this is ${process.versions.node}). Run it through npm: npx audit-viewer …\n`);
  process.exit(2);
}
await import('../electron/cli.ts');
