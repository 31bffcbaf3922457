import { taskStreamName } from '@trawl/domain';
import type { CliCommand } from './cli-command';
import { collectCommand } from './collect/collect-command';
import { batchCommand } from './operations/batch-command';
import { checkpointsCommand } from './operations/checkpoints-command';
import { requeueCommand } from './operations/requeue-command';
import { extractCommand } from './operations/extract-command';
import { taskCommand } from './operations/task-command';
import { rebuildCommand } from './rebuild/rebuild-command';

export type { CliCommand } from './cli-command';

export const commands: Record<string, CliCommand> = {
  // main.ts runs it with the two stores alone; listed here for the usage and for in-process callers.
  'rebuild-read-models': rebuildCommand,
  events: {
    summary: "print a task's events as JSON lines: events <taskId>",
    async run({ eventStore }, [taskId], print) {
      if (!taskId) {
        print('usage: trawl events <taskId>');
        return 2;
      }
      const events = await eventStore.readStream(taskStreamName(taskId));
      for (const event of events) {
        print(JSON.stringify({ revision: Number(event.revision), type: event.type, id: event.id, recordedAt: event.recordedAt, data: event.data, metadata: event.metadata }));
      }
      return events.length ? 0 : 1;
    },
  },
  task: taskCommand,
  batch: batchCommand,
  requeue: requeueCommand,
  extract: extractCommand,
  checkpoints: checkpointsCommand,
  collect: collectCommand,
};
