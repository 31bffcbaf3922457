import type { BatchView, TaskView } from '@trawl/read-models';
import { ApiProblem } from './problem';

/**
 * 410 Gone for what retention removed (ADR 0009): the tombstone says when, and the problem says why
 * nothing of it can be served any more. `what` names the part asked for (its text, an image...).
 */
export function assertTaskNotExpired(view: TaskView, what = 'the task'): TaskView {
  if (view.status !== 'expired') return view;
  throw new ApiProblem(410, 'expired', 'Gone', `task ${view.id} expired at ${view.expiredAt ?? 'an unknown time'}; ${what} and everything it collected are removed (retention)`);
}

export function assertBatchNotExpired(view: BatchView): BatchView {
  if (view.status !== 'expired') return view;
  throw new ApiProblem(410, 'expired', 'Gone', `batch ${view.id} expired at ${view.expiredAt ?? 'an unknown time'}: every one of its tasks did; their data is removed (retention)`);
}
