import type { DiscoveredImage, ErrorInfo, PageFetched, TaskEvent, TaskEventOf } from '../events/task-events';
import { steps } from './event-ids';
import { evolve, isFinal, type TaskState } from './task-state';
import { decideCompletion } from './task-decisions';

/** An event to append, with the step that names it (its id is derived from task + step + run). */
export interface StepEvent {
  step: string;
  event: TaskEvent;
}

/** Discovered images are announced in chunks, so that no event grows with the page. */
export const DISCOVERY_CHUNK = 500;

type ImageOutcome = TaskEventOf<'ImageStored'> | TaskEventOf<'ImageFailed'>;

/** What a fetcher asks of a task while it works on it. */
export type TaskCommand =
  | { type: 'StartTask'; now: Date }
  | {
      type: 'RecordPage';
      page: Omit<PageFetched, 'taskId' | 'fetchedAt'>;
      images: readonly DiscoveredImage[];
      /** Outcomes known at once (`data:` images, stored with the page). */
      inlineOutcomes: readonly ImageOutcome[];
      now: Date;
    }
  | { type: 'FailTask'; error: ErrorInfo; now: Date }
  | { type: 'RecordImageOutcome'; outcome: ImageOutcome }
  | { type: 'CompleteTask'; now: Date };

/**
 * The decisions of a task's jobs in one place: given the state folded from the task's stream and a
 * command, the events to append (none: nothing to do, e.g. a duplicate delivery or a task that a
 * cancel already finished). Pure: time comes in the command, ids from the steps.
 */
export function decide(command: TaskCommand, state: TaskState | null): StepEvent[] {
  if (!state || isFinal(state)) return [];
  switch (command.type) {
    case 'StartTask':
      return state.status === 'queued' ? [{ step: steps.started, event: { type: 'TaskStarted', data: { taskId: state.taskId, startedAt: command.now.toISOString() } } }] : [];
    case 'RecordPage':
      return state.pageFetched ? [] : pageEvents(state, command);
    case 'FailTask':
      return state.pageFetched ? [] : [{ step: steps.failed, event: { type: 'TaskFailed', data: { taskId: state.taskId, error: command.error, failedAt: command.now.toISOString() } } }];
    case 'RecordImageOutcome': {
      const { imageId } = command.outcome.data;
      return state.outcomes.has(imageId) ? [] : [{ step: steps.imageOutcome(imageId), event: command.outcome }];
    }
    case 'CompleteTask': {
      const completed = decideCompletion(state, command.now);
      return completed ? [{ step: steps.completed, event: completed }] : [];
    }
  }
}

/**
 * The events of several commands taken one after the other, each decided on the state the events
 * before it leave: a page job's start and its result, recorded in one append (see the page job).
 */
export function decideInOrder(commands: readonly TaskCommand[], state: TaskState | null): StepEvent[] {
  const events: StepEvent[] = [];
  let current = state;
  for (const command of commands) {
    const decided = decide(command, current);
    if (decided.length === 0) continue;
    events.push(...decided);
    current = foldOnto(current, decided);
  }
  return events;
}

/** PageFetched, the discovery chunks, the inline outcomes, and TaskCompleted when nothing is left. */
function pageEvents(state: TaskState, command: Extract<TaskCommand, { type: 'RecordPage' }>): StepEvent[] {
  const { taskId } = state;
  const events: StepEvent[] = [
    { step: steps.pageFetched, event: { type: 'PageFetched', data: { taskId, ...command.page, fetchedAt: command.now.toISOString() } } },
  ];
  for (let start = 0, chunk = 0; start < command.images.length; start += DISCOVERY_CHUNK, chunk += 1) {
    const images = command.images.slice(start, start + DISCOVERY_CHUNK);
    events.push({ step: steps.imagesDiscovered(chunk), event: { type: 'ImagesDiscovered', data: { taskId, images, respectRobots: state.respectRobots } } });
  }
  for (const outcome of command.inlineOutcomes) events.push({ step: steps.imageOutcome(outcome.data.imageId), event: outcome });
  const after = foldOnto(state, events);
  const completed = decideCompletion(after, command.now);
  if (completed) events.push({ step: steps.completed, event: completed });
  return events;
}

/** The state after the events, without touching the caller's (evolve updates image maps in place). */
export function foldOnto(state: TaskState | null, events: readonly StepEvent[]): TaskState | null {
  let after: TaskState | null = state && { ...state, discovered: new Map(state.discovered), outcomes: new Map(state.outcomes) };
  for (const { event } of events) after = evolve(after, event);
  return after;
}

export type ExtractionDecision =
  | { kind: 'extract'; html: { sha256: string; bytes: number }; version: number }
  | { kind: 'not-found' }
  | { kind: 'no-page'; status: TaskState['status'] }
  | { kind: 'no-html' };

/**
 * Whether a task's text can be cut again from its stored page (issue 13): it needs the page fetched
 * and its HTML kept (TRAWL_KEEP_HTML). The new extraction is numbered after the last one.
 */
export function decideExtraction(state: TaskState | null): ExtractionDecision {
  if (!state) return { kind: 'not-found' };
  if (!state.pageFetched) return { kind: 'no-page', status: state.status };
  if (!state.html) return { kind: 'no-html' };
  return { kind: 'extract', html: state.html, version: state.extractions + 1 };
}

/** The step of an extraction's event: one per version, so a retried request appends nothing twice. */
export function extractionStep(version: number): string {
  return `extraction:${version}`;
}
