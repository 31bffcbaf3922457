import type { EventStore, ExpectedRevision, NewEvent, RecordedEvent } from '@trawl/event-store';
import { WrongExpectedRevisionError } from '@trawl/errors';
import {
  TASK_EVENT_SCHEMA_VERSION,
  deterministicEventId,
  foldTaskEvents,
  stepInRun,
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

/** An event to append, with the step that names it (its id is derived from task + step + run). */
export interface StepEvent {
  step: string;
  event: TaskEvent;
}

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

  async append(
    taskId: string,
    stepEvents: readonly StepEvent[],
    options: { expectedRevision?: ExpectedRevision; correlationId?: string; run?: number } = {},
  ): Promise<void> {
    if (stepEvents.length === 0) return;
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
    await this.store.appendToStream(taskStreamName(taskId), events, {
      expectedRevision: options.expectedRevision ?? 'any',
    });
  }
}

const CONFLICT_RETRIES = 5;

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
  for (let attempt = 1; ; attempt += 1) {
    const { state, expectedRevision } = await streams.load(taskId);
    const events = update.decide(state);
    if (events.length === 0) return events;
    try {
      await streams.append(taskId, events, { expectedRevision, correlationId: update.correlationId, run: state?.run });
      return events;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= CONFLICT_RETRIES) throw error;
    }
  }
}

/** The correlation id an event of the task carries (given at request time), else the task id. */
export function correlationIdOf(events: readonly RecordedEvent[], taskId: string): string {
  const fromRequest = events[0]?.metadata.correlationId;
  return typeof fromRequest === 'string' ? fromRequest : taskId;
}
