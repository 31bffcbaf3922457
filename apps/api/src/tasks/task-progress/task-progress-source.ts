import { FINAL_STATUSES } from '@trawl/domain';
import type { ReadModelStore, TaskView } from '@trawl/read-models';
import type { ViewSource } from '../../http/sse/view-follower';

/** What each progress message of a task says: its status, counts and error, nothing that does not move. */
export function presentTaskProgress(view: TaskView) {
  const { imagesFound, imagesStored, imagesFailed } = view.progress;
  return { id: view.id, status: view.status, progress: { imagesFound, imagesStored, imagesFailed }, error: view.error };
}

/** A task's view, followed from the read models until it is completed, failed or cancelled. */
export function taskProgressSource(readModels: ReadModelStore, taskId: string): ViewSource<TaskView> {
  return {
    read: () => readModels.getTask(taskId),
    isFinal: (view) => view.status === 'expired' || FINAL_STATUSES.has(view.status),
    toPayload: presentTaskProgress,
  };
}
