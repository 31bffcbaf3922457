/** One dependency check of /ready: resolves (optionally with details) when up, rejects when down. */
export interface ReadinessCheck {
  name: string;
  run(): Promise<Record<string, unknown> | void>;
}

export type CheckResult = { status: 'up'; durationMs: number; [detail: string]: unknown } | { status: 'down'; durationMs: number; error: string };

export interface ReadinessReport {
  status: 'ready' | 'unready';
  checks: Record<string, CheckResult>;
}

/**
 * Runs every check at once, each bounded by `timeoutMs` (a dependency that hangs is down, and must not
 * hang the probe), and reports ready only when all are up.
 */
export async function runReadinessChecks(checks: readonly ReadinessCheck[], timeoutMs: number): Promise<ReadinessReport> {
  const results = await Promise.all(checks.map(async (check) => [check.name, await runCheck(check, timeoutMs)] as const));
  return {
    status: results.every(([, result]) => result.status === 'up') ? 'ready' : 'unready',
    checks: Object.fromEntries(results),
  };
}

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<CheckResult> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const details = await Promise.race([check.run(), timeout]);
    return { status: 'up', durationMs: Date.now() - started, ...(details ?? {}) };
  } catch (error) {
    return { status: 'down', durationMs: Date.now() - started, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
