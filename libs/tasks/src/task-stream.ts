import type { AppendResult, EventStore, ExpectedRevision, NewEvent, RecordedEvent } from '@trawl/event-store';
import { WrongExpectedRevisionError } from '@trawl/errors';
import {
  TASK_EVENT_SCHEMA_VERSION,
  deterministicEventId,
  foldOnto,
  foldTaskEvents,
  stepInRun,
  type StepEvent,
  taskStreamName,
  toTaskEvent,
  validateTaskEvent,
  type TaskEvent,
  type TaskState,
} from '@trawl/domain';

export interface LoadedTask {
  state: TaskState | null;
  /** For the next append: the revision of the stream's last event, or 'no_stream'. */
  expectedRevision: ExpectedRevision;
  events: RecordedEvent[];
}

export type { StepEvent };

/** Appends that lose to a concurrent writer are decided again on the fresh state, this many times. */
const CONFLICT_RETRIES = 5;

/**
 * The write side's access to one task's stream: load and fold, then append events whose ids are
 * deterministic, validated against their schema, with the correlation id carried in metadata.
 */
export class TaskStreams {
  constructor(private readonly store: EventStore) {}

  async load(taskId: string): Promise<LoadedTask> {
    const events = await this.store.readStream(taskStreamName(taskId));
    const taskEvents = events.map(toTaskEvent).filter((event): event is TaskEvent => event !== null);
    const last = events.at(-1);
    return {
      state: foldTaskEvents(taskEvents),
      expectedRevision: last ? last.revision : 'no_stream',
      events,
    };
  }

  /**
   * The task after the events appended since `loaded`, read from the next revision on: a reader that keeps
   * a task's state (the fetcher's TaskStateCache) follows a stream of thousands of events without reading
   * and folding it whole each time. `events` are the new events only.
   */
  async refresh(taskId: string, loaded: LoadedTask): Promise<LoadedTask> {
    if (typeof loaded.expectedRevision !== 'bigint') return this.load(taskId);
    const events = await this.store.readStream(taskStreamName(taskId), { fromRevision: loaded.expectedRevision + 1n });
    const last = events.at(-1);
    if (!last) return { ...loaded, events: [] };
    const taskEvents = events.map(toTaskEvent).filter((event): event is TaskEvent => event !== null);
    return { state: foldOnto(loaded.state, taskEvents.map((event) => ({ step: '', event }))), expectedRevision: last.revision, events };
  }

  async append(
    taskId: string,
    stepEvents: readonly StepEvent[],
    options: { expectedRevision?: ExpectedRevision; correlationId?: string; run?: number } = {},
  ): Promise<AppendResult | null> {
    if (stepEvents.length === 0) return null;
    // The run the events were decided in (the folded state's `run`; 1 before any requeue).
    const run = options.run ?? 1;
    const events: NewEvent[] = stepEvents.map(({ step, event }) => ({
      id: deterministicEventId(taskId, stepInRun(step, run)),
      type: event.type,
      data: validateTaskEvent(event).data,
      metadata: {
        schemaVersion: TASK_EVENT_SCHEMA_VERSION,
        ...(options.correlationId ? { correlationId: options.correlationId } : {}),
      },
    }));
    return this.store.appendToStream(taskStreamName(taskId), events, {
      expectedRevision: options.expectedRevision ?? 'any',
    });
  }

  /**
   * Decide on the task's state and append at its revision, like emmett's handleCommand: loads the
   * stream only when no state is given (or after a concurrent write), and returns the state after
   * the append, so that a job with several steps loads its task once.
   */
  async handle(
    taskId: string,
    decide: (state: TaskState | null) => readonly StepEvent[],
    options: { loaded?: LoadedTask; correlationId?: string } = {},
  ): Promise<{ loaded: LoadedTask; appended: readonly StepEvent[] }> {
    let loaded = options.loaded ?? (await this.load(taskId));
    for (let attempt = 1; ; attempt += 1) {
      const events = decide(loaded.state);
      if (events.length === 0) return { loaded, appended: events };
      try {
        const result = await this.append(taskId, events, { expectedRevision: loaded.expectedRevision, correlationId: options.correlationId, run: loaded.state?.run });
        const state = foldOnto(loaded.state, events);
        return { loaded: { state, expectedRevision: result!.nextExpectedRevision, events: loaded.events }, appended: events };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= CONFLICT_RETRIES) throw error;
        loaded = await this.load(taskId);
      }
    }
  }
}


export interface TaskStreamsUpdate {
  /** The command: given the current state, the events to append (none: nothing to do). */
  decide: (state: TaskState | null) => readonly StepEvent[];
  correlationId?: string;
}

/**
 * Load, decide, append at the loaded revision; on a concurrent write, load again and decide again.
 * Returns the events appended (empty when the decision was to do nothing).
 */
export async function updateTask(streams: TaskStreams, taskId: string, update: TaskStreamsUpdate): Promise<readonly StepEvent[]> {
  const { appended } = await streams.handle(taskId, update.decide, { correlationId: update.correlationId });
  return appended;
}

/** The correlation id an event of the task carries (given at request time), else the task id. */
export function correlationIdOf(events: readonly RecordedEvent[], taskId: string): string {
  const fromRequest = events[0]?.metadata.correlationId;
  return typeof fromRequest === 'string' ? fromRequest : taskId;
}
