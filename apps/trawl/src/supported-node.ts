/**
 * The Node major trawl runs on: the stores use `node:sqlite`, which Node 20 lacks. package.json's
 * `engines`, `.nvmrc` and the `node` devDependency (installed as node_modules/.bin/node) say the same;
 * a unit test keeps them in step.
 */
export const REQUIRED_NODE_MAJOR = 24;

/** One line saying why `version` cannot run trawl and how to get the right Node; null when it can. */
export function unsupportedNodeMessage(version: string, entry = 'dist/apps/trawl/src/main.js'): string | null {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  if (major === REQUIRED_NODE_MAJOR) return null;
  return (
    `trawl needs Node ${REQUIRED_NODE_MAJOR}, not ${version}: run the one \`npm ci\` installs, ` +
    `node_modules/.bin/node ${entry} (npm start and npm run use it already), or \`nvm use\` (.nvmrc)`
  );
}

/**
 * Exits with 1 and that line on a Node other than REQUIRED_NODE_MAJOR. Imported first by every entry
 * (apps/trawl/src/main.ts, run-role.ts, the CLI), so it runs before anything loads `node:sqlite` and
 * fails with "No such built-in module" instead.
 */
export function exitUnlessSupportedNode(version = process.version, entry = process.argv[1]): void {
  const message = unsupportedNodeMessage(version, entry ? relativeEntry(entry) : undefined);
  if (message === null) return;
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function relativeEntry(entry: string): string {
  const at = entry.replace(/\\/g, '/').lastIndexOf('dist/apps/');
  return at >= 0 ? entry.slice(at) : entry;
}
