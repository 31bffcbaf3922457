import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { TrawlMetrics } from '@trawl/metrics';
import { READ_MODEL_STORE, TASK_STATUSES, type ReadModelStore } from '@trawl/read-models';

/** Refreshes `trawl_tasks{status}` from the read models on every scrape: one grouped count. */
@Injectable()
export class TaskCountsSampler implements OnModuleDestroy {
  private readonly remove: () => void;

  constructor(metrics: TrawlMetrics, @Inject(READ_MODEL_STORE) readModels: ReadModelStore) {
    this.remove = metrics.addSampler('task-counts', async () => {
      const counts = await readModels.countTasks();
      for (const status of TASK_STATUSES) metrics.tasks.set({ status }, counts[status]);
    });
  }

  onModuleDestroy(): void {
    this.remove();
  }
}
