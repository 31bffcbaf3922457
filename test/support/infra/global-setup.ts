import { infraState } from './infra-state';
import { resolveEndpoints } from './resolve-endpoints';

/**
 * Jest runs this in its parent process before any int or e2e test file: once per distinct globalSetup path
 * among the projects that have tests selected (int and e2e share this file, so once), and not at all for a
 * unit-only run. A second call would start nothing: it waits for the first.
 */
export default async function globalSetup(): Promise<void> {
  const pending = infraState.get();
  if (pending) {
    await pending;
    return;
  }
  const resolving = resolveEndpoints();
  infraState.set(resolving);
  resolving.catch(() => infraState.clear()); // it stopped what it had started
  const resolved = await resolving;
  // Test workers are forked after this and inherit the parent's environment.
  Object.assign(process.env, resolved.env);
  process.stderr.write(resolved.lines.map((line) => `${line}\n`).join(''));
}
