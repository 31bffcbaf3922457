import { infraState } from './infra-state';

/** Stops the servers that global-setup.ts started, once, however many projects call it. */
export default async function globalTeardown(): Promise<void> {
  const resolving = infraState.get();
  infraState.clear();
  if (resolving) await (await resolving).stop();
}
