'use strict';
// A jest reporter (loaded by plain Node, so CommonJS) that ends a run with the contract suites' table and one
// closing line, `N passed, N failed, N skipped`, alone on the last line. The counting is in test-summary.js,
// where it is unit-tested.
const { formatSummary, summarize } = require('./test-summary');

class SummaryReporter {
  constructor(globalConfig) {
    // Jest adds its own summary reporter after every configured one, so printing in onRunComplete would put
    // our closing line above "Tests: …". Printed on exit, it comes after all of jest's output. A watch run
    // does not exit between runs, so there it is printed at once.
    this._printOnExit = !(globalConfig.watch || globalConfig.watchAll);
    this._text = undefined;
  }

  onRunComplete(_testContexts, results) {
    const text = `\n${formatSummary(summarize(results.testResults)).join('\n')}\n`;
    if (!this._printOnExit) {
      process.stdout.write(text);
      return;
    }
    // Writes to files, pipes and terminals are synchronous on Linux, so an exit handler may write.
    if (this._text === undefined) process.once('exit', () => process.stdout.write(this._text));
    this._text = text;
  }
}

module.exports = SummaryReporter;
