// Compiles apps/ and libs/ to dist/ with swc (seconds, not minutes), rewriting the @trawl/* aliases to
// relative paths. Type checking is a separate step (`npm run typecheck`), run by the test command.
// The output is built beside dist/ and swapped in with renames, so processes started from dist/ (e2e
// tests, a running `npm start`) never see a half-deleted tree.
import { execFileSync } from 'node:child_process';
import { renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const staging = `dist.build-${process.pid}`;
const retired = `dist.old-${process.pid}`;
rmSync(join(root, staging), { recursive: true, force: true });
execFileSync(
  process.execPath,
  [
    join(root, 'node_modules/@swc/cli/bin/swc.js'),
    'apps',
    'libs',
    '--out-dir', staging,
    '--config-file', '.swcrc',
    '--ignore', '**/*.spec.ts,**/test-support/**',
    '--copy-files',
    '--quiet',
  ],
  { cwd: root, stdio: 'inherit' },
);
try {
  renameSync(join(root, 'dist'), join(root, retired));
} catch (error) {
  if (error.code !== 'ENOENT') throw error;
}
renameSync(join(root, staging), join(root, 'dist'));
rmSync(join(root, retired), { recursive: true, force: true });
