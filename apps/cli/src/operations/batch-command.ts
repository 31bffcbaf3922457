import type { CliCommand } from '../cli-command';

/**
 * `batch <batchId>`: the batch's read model (status, counts) and, with `--failed`, its failed tasks
 * (one JSON line each: id, url, error), a page at a time so a big batch prints in bounded memory.
 */
export const batchCommand: CliCommand = {
  summary: "print a batch's read model as JSON: batch <batchId> [--failed]",
  async run({ readModels }, [batchId, flag], print) {
    if (!batchId || (flag !== undefined && flag !== '--failed')) {
      print('usage: trawl batch <batchId> [--failed]');
      return 2;
    }
    const view = await readModels.getBatch(batchId);
    if (!view) {
      print(`batch ${batchId} not found in the read models`);
      return 1;
    }
    print(JSON.stringify(view, null, 2));
    if (flag === '--failed') {
      let after: string | undefined;
      do {
        const page = await readModels.listBatchTasks(batchId, { status: 'failed', limit: 500, after });
        for (const task of page.items) print(JSON.stringify({ id: task.id, url: task.url, error: task.error }));
        after = page.next ?? undefined;
      } while (after);
    }
    return 0;
  },
};
