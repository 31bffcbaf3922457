/**
 * Restarts this process in place (same pid, `process.execve`), once and before anything else runs, with V8
 * heap flags, so that a long-running worker process does not hold far more memory than it uses. V8 sizes
 * the heap for the machine (64 MiB young-generation semi-spaces and a 4 GiB old generation on 24 GiB) and
 * reads those sizes only at start-up: a process cannot shrink them once running.
 *
 * A flag whose name the operator already gave (command line or NODE_OPTIONS) is left as given. Without
 * `process.execve` (Windows), the process runs on unchanged.
 */
export function restartWithHeapFlags(flags: readonly string[]): void {
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].map(flagName);
  const missing = flags.filter((flag) => !given.includes(flagName(flag)));
  if (missing.length === 0 || typeof process.execve !== 'function') return;
  process.execve(process.execPath, [process.execPath, ...missing, ...process.execArgv, ...process.argv.slice(1)], process.env);
}

function flagName(flag: string): string {
  return flag.split('=')[0].replace(/_/g, '-');
}
