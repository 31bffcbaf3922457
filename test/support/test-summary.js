'use strict';
// Plain CommonJS: jest loads reporters with Node's own require, without the TypeScript transform.
// Types for TypeScript callers are in test-summary.d.ts.

const CONTRACT_PREFIX = 'contract:';

/** Folds a test status (jest-circus: passed, failed, skipped, pending, todo, disabled, focused) into 3 outcomes. */
function outcomeOf(status) {
  if (status === 'passed') return 'passed';
  if (status === 'failed') return 'failed';
  return 'skipped';
}

/**
 * Counts the outcomes of a run: in total, and per contract suite (a top-level describe block whose name starts
 * with `contract:`; blocks of the same name in several files add up). A test file that could not run at all
 * (testExecError, no failed test in it) counts as one failed test, so a red run never reads "0 failed".
 *
 * @param {ReadonlyArray<import('./test-summary').FileResult>} files jest's per-file results
 */
function summarize(files) {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const contracts = new Map();
  for (const file of files) {
    if (file.testExecError && !file.testResults.some((test) => test.status === 'failed')) totals.failed += 1;
    for (const test of file.testResults) {
      const outcome = outcomeOf(test.status);
      totals[outcome] += 1;
      const suite = test.ancestorTitles[0];
      if (suite === undefined || !suite.startsWith(CONTRACT_PREFIX)) continue;
      if (!contracts.has(suite)) contracts.set(suite, { name: suite, passed: 0, failed: 0, skipped: 0 });
      contracts.get(suite)[outcome] += 1;
    }
  }
  const sorted = [...contracts.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { contracts: sorted, totals };
}

/** `N passed, N failed, N skipped`: the line the run ends with. */
function closingLine(totals) {
  return `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
}

/** The report as lines: the contract table (or a note that none ran), then the closing line. */
function formatSummary(summary) {
  if (summary.contracts.length === 0) return ['Contract suites: none ran', closingLine(summary.totals)];
  const width = Math.max('Contract suite'.length, ...summary.contracts.map((suite) => suite.name.length));
  const cell = (value, header) => String(value).padStart(header.length);
  const row = (name, passed, failed, skipped) =>
    `${name.padEnd(width)}  ${cell(passed, 'passed')}  ${cell(failed, 'failed')}  ${cell(skipped, 'skipped')}`;
  return [
    row('Contract suite', 'passed', 'failed', 'skipped'),
    ...summary.contracts.map((suite) => row(suite.name, suite.passed, suite.failed, suite.skipped)),
    closingLine(summary.totals),
  ];
}

module.exports = { summarize, formatSummary, closingLine };
