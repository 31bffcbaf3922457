import { taskStreamName } from '@trawl/domain';
import { rebuildReadModels } from '../../projector/src/rebuild-read-models';
import type { CliCommand } from './cli-command';
import { collectCommand } from './collect/collect-command';
import { batchCommand } from './operations/batch-command';
import { checkpointsCommand } from './operations/checkpoints-command';
import { requeueCommand } from './operations/requeue-command';
import { extractCommand } from './operations/extract-command';
import { taskCommand } from './operations/task-command';

export type { CliCommand } from './cli-command';

export const commands: Record<string, CliCommand> = {
  'rebuild-read-models': {
    summary: 'drop every read model and replay all events (stop the projector first)',
    async run({ eventStore, readModels }, _args, print) {
      const started = Date.now();
      const { events } = await rebuildReadModels(eventStore, readModels);
      print(`rebuilt read models from ${events} events in ${Date.now() - started} ms`);
      return 0;
    },
  },
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
