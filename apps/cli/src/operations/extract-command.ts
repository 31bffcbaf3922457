import { TaskStreams, TextReExtractor } from '@trawl/tasks';
import { loadConfig } from '@trawl/config';
import type { CliCommand } from '../cli-command';

const USAGE = 'usage: trawl extract <taskId> [--mode full|main] [--format text|markdown]';

/**
 * `extract <taskId> --mode main --format markdown`: cuts a task's text again from its stored page
 * with the current extractor, without fetching it (the same as POST /api/v1/tasks/{id}/extractions).
 * The projector then serves the new text.
 */
export const extractCommand: CliCommand = {
  summary: "cut a task's text again from its stored page: extract <taskId> [--mode full|main] [--format text|markdown]",
  async run({ eventStore, blobStore }, args, print) {
    const [taskId, ...flags] = args;
    const options = parseFlags(flags);
    if (!taskId || !options) {
      print(USAGE);
      return 2;
    }
    const env = loadConfig().env;
    const limits = { timeoutMs: env.TRAWL_PARSE_TIMEOUT_MS, maxHeapMb: env.TRAWL_PARSE_MEMORY_MB };
    const extractor = new TextReExtractor(new TaskStreams(eventStore), blobStore, limits);
    try {
      const result = await extractor.extract(taskId, options);
      if (result.kind === 'extracted') {
        const { version, mode, format, extractor: version_, text, markdown } = result.event;
        print(JSON.stringify({ taskId, version, mode, format, extractor: version_, text, markdown }));
        return 0;
      }
      const why = { 'not-found': 'not found', 'no-page': 'has no fetched page', 'no-html': 'was fetched without keeping its HTML (TRAWL_KEEP_HTML=false)', 'too-slow': 'could not be extracted within the limits' };
      print(`task ${taskId} ${why[result.kind]}`);
      return 1;
    } finally {
      await extractor.close();
    }
  },
};

function parseFlags(flags: string[]): { mode: 'full' | 'main'; format: 'text' | 'markdown' } | null {
  const options: { mode: 'full' | 'main'; format: 'text' | 'markdown' } = { mode: 'full', format: 'text' };
  for (let i = 0; i < flags.length; i += 2) {
    const [flag, value] = [flags[i], flags[i + 1]];
    if (flag === '--mode' && (value === 'full' || value === 'main')) options.mode = value;
    else if (flag === '--format' && (value === 'text' || value === 'markdown')) options.format = value;
    else return null;
  }
  return options;
}
