import { closingLine, type FileResult, formatSummary, summarize } from './test-summary';

const test = (status: string, ...ancestorTitles: string[]) => ({ status, ancestorTitles });

describe('test summary', () => {
  const files: FileResult[] = [
    {
      testResults: [
        test('passed', 'contract: event store [sqlite]', 'append'),
        test('passed', 'contract: event store [sqlite]'),
        test('failed', 'contract: event store [sqlite]', 'read'),
        test('pending', 'contract: event store [sqlite]'),
        test('passed', 'task decisions'),
      ],
    },
    {
      testResults: [
        test('passed', 'contract: event store [sqlite]', 'subscribe'),
        test('skipped', 'contract: event store [esdb]'),
        test('todo', 'contract: event store [esdb]'),
        test('disabled', 'contract: event store [esdb]'),
        test('passed'), // a test outside any describe block
        test('passed', 'a block that mentions contract: later'),
      ],
    },
  ];

  it('counts each contract suite by its top-level describe name, across files', () => {
    expect(summarize(files).contracts).toEqual([
      { name: 'contract: event store [esdb]', passed: 0, failed: 0, skipped: 3 },
      { name: 'contract: event store [sqlite]', passed: 3, failed: 1, skipped: 1 },
    ]);
  });

  it('counts every test in the totals, folding pending, todo and disabled into skipped', () => {
    expect(summarize(files).totals).toEqual({ passed: 6, failed: 1, skipped: 4 });
  });

  it('counts a file that could not run as one failed test', () => {
    const broken: FileResult = { testResults: [], testExecError: { message: 'SyntaxError' } };
    const hookFailed: FileResult = { testResults: [test('failed', 'x'), test('failed', 'x')], testExecError: {} };
    expect(summarize([broken, hookFailed]).totals).toEqual({ passed: 0, failed: 3, skipped: 0 });
  });

  it('prints the table, then the closing line alone as the last line', () => {
    const lines = formatSummary(summarize(files));
    expect(lines).toEqual([
      'Contract suite                  passed  failed  skipped',
      'contract: event store [esdb]         0       0        3',
      'contract: event store [sqlite]       3       1        1',
      '6 passed, 1 failed, 4 skipped',
    ]);
  });

  it('says so when no contract suite ran', () => {
    expect(formatSummary(summarize([{ testResults: [test('passed', 'plain')] }]))).toEqual([
      'Contract suites: none ran',
      '1 passed, 0 failed, 0 skipped',
    ]);
  });

  it('writes the closing line in the fixed form', () => {
    expect(closingLine({ passed: 12, failed: 0, skipped: 3 })).toBe('12 passed, 0 failed, 3 skipped');
  });
});
