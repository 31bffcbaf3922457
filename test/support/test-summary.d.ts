/** Types of test-summary.js (plain CommonJS, because the jest reporter that uses it is not transformed). */

export interface OutcomeCounts {
  passed: number;
  failed: number;
  skipped: number;
}

export interface ContractSuiteCounts extends OutcomeCounts {
  /** The top-level describe block's name, e.g. `contract: event store [sqlite]`. */
  name: string;
}

export interface RunSummary {
  /** Sorted by name. */
  contracts: ContractSuiteCounts[];
  totals: OutcomeCounts;
}

export interface FileResult {
  testResults: ReadonlyArray<{ ancestorTitles: string[]; status: string }>;
  testExecError?: unknown;
}

export function summarize(files: ReadonlyArray<FileResult>): RunSummary;
export function formatSummary(summary: RunSummary): string[];
export function closingLine(totals: OutcomeCounts): string;
