import type { ReadModelStore, TaskView } from '@trawl/read-models';
import { weakEtagOf } from '../../http/json-etag';
import { presentTask } from '../task-presenter';
import { isTaskId } from '../task-ids';

/** What a status GET of a task answers: the presented view's JSON, its ETag, and the view's revision. */
export interface TaskStatusAnswer {
  revision: number;
  body: string;
  etag: string;
}

/** Tasks whose answers are kept: the ones being polled, at ~1-2 KB each, some 10-20 MB at most. */
const DEFAULT_CAPACITY = 10_000;

/**
 * The status GET's answers by task, each kept while the stored view's revision stays the same.
 *
 * A client polls a task far more often than the task changes, and the read model changes a view only
 * with a higher revision (ReadModelStore.saveTask). So a repeated GET reads the revision alone (an
 * indexed integer, where the view is kilobytes of JSON), and only a changed task is read, presented,
 * serialised and hashed again (profiled, those were a fifth of a status GET's CPU: issue 9).
 * Least recently used first out. A rebuild that rewrote a view at the same revision with another
 * body (projection code changed in between) is seen after a restart of the API process.
 */
export class TaskStatusCache {
  private readonly answers = new Map<string, TaskStatusAnswer>();

  constructor(
    private readonly readModels: ReadModelStore,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {}

  /**
   * The answer for a task that exists and has not expired; null for anything else (a malformed or
   * unknown id, an expired task), which the caller leaves to the Nest route and its problem+json.
   * Rejects when the store does.
   */
  async answerFor(id: string): Promise<TaskStatusAnswer | null> {
    const kept = this.answers.get(id);
    if (kept) {
      const revision = await this.readModels.getTaskRevision(id);
      this.answers.delete(id);
      if (revision === kept.revision) {
        this.answers.set(id, kept); // now the most recently used
        return kept;
      }
      if (revision === null) return null;
    } else if (!isTaskId(id)) {
      return null;
    }
    const view = await this.readModels.getTask(id);
    if (!view || view.status === 'expired') return null;
    const answer = answerOf(view);
    this.remember(id, answer);
    return answer;
  }

  /** How many answers are kept (for tests). */
  get size(): number {
    return this.answers.size;
  }

  private remember(id: string, answer: TaskStatusAnswer): void {
    this.answers.delete(id);
    this.answers.set(id, answer);
    if (this.answers.size > this.capacity) this.answers.delete(this.answers.keys().next().value!);
  }
}

/** The answer the Nest route would give for the view: the presenter's JSON and Express's weak ETag of it. */
export function answerOf(view: TaskView): TaskStatusAnswer {
  const body = JSON.stringify(presentTask(view));
  return { revision: view.revision, body, etag: weakEtagOf(body) };
}
