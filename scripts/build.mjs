// Compiles apps/ and libs/ to dist/ with swc (seconds, not minutes), rewriting the @trawl/* aliases to
// relative paths. Type checking is a separate step (`npm run typecheck`), run by the test command.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
rmSync(join(root, 'dist'), { recursive: true, force: true });
execFileSync(
  process.execPath,
  [
    join(root, 'node_modules/@swc/cli/bin/swc.js'),
    'apps',
    'libs',
    '--out-dir', 'dist',
    '--config-file', '.swcrc',
    '--ignore', '**/*.spec.ts,**/test-support/**',
    '--copy-files',
    '--quiet',
  ],
  { cwd: root, stdio: 'inherit' },
);
