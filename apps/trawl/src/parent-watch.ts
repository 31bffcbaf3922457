/**
 * Why `npm start` needs this besides `exec` in the script: npm runs a script through `sh -c`, and npm
 * forwards SIGTERM to that shell. dash (Debian's /bin/sh) does not exec a lone command, so the shell
 * dies and the server, its child, is re-parented to PID 1 and keeps the port. The start script
 * therefore says `exec node …` (the shell becomes the server, and npm's forwarded SIGTERM reaches it).
 * That still leaves an npm that dies without forwarding anything (SIGKILL, an npm version that does
 * not forward, a closed terminal): the server then notices that its parent changed and shuts down as
 * if it had been sent SIGTERM. Only under npm: a server started directly (a container's PID 1, a
 * systemd unit, `nohup node … &`) may outlive whoever started it.
 */
export function watchParent(onGone: () => void, options: { intervalMs?: number; parentPid?: () => number } = {}): NodeJS.Timeout {
  const parentPid = options.parentPid ?? (() => process.ppid);
  const initial = parentPid();
  const timer = setInterval(() => {
    if (!parentChanged(initial, parentPid())) return;
    clearInterval(timer);
    onGone();
  }, options.intervalMs ?? 1000);
  // The watch alone must not keep the process alive.
  timer.unref();
  return timer;
}

/** A process whose parent exits is adopted by PID 1 or a subreaper: its ppid changes. */
export function parentChanged(initialPpid: number, currentPpid: number): boolean {
  return currentPpid !== initialPpid;
}
