/** Settings of the in-process job bus. Plain JSON, so that a config can be handed to another process. */
export interface LocalJobBusConfig {
  /** The SQLite file; several processes may share it. */
  path: string;
  /** A claimed job is another member's after this long without a renewal. Default 30 000. */
  leaseMs?: number;
  /** How often an idle member looks for jobs published by other processes. Default 250. */
  pollIntervalMs?: number;
  /** stop() lets in-flight handlers run this long before aborting their signal. Default 30 000. */
  stopGraceMs?: number;
  /** Handled jobs are kept this long (a new group starts from the oldest kept). Default 7 days. */
  retentionMs?: number;
  /** How long a statement waits for another process's write lock. Default 5 000. */
  busyTimeoutMs?: number;
}

export type ResolvedLocalJobBusConfig = Required<LocalJobBusConfig>;

export function resolveLocalConfig(config: LocalJobBusConfig): ResolvedLocalJobBusConfig {
  return {
    leaseMs: 30_000,
    pollIntervalMs: 250,
    stopGraceMs: 30_000,
    retentionMs: 7 * 24 * 3_600_000,
    busyTimeoutMs: 5_000,
    ...config,
  };
}
