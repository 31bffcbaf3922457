import type { z } from 'zod';
import type { RecordedEvent } from '@trawl/event-store';
import { taskEventSchemas } from './event-schemas';

type Schemas = typeof taskEventSchemas;
export type TaskEventType = keyof Schemas;

/** A task event as a typed, past-tense discriminated union. */
export type TaskEvent = {
  [Type in TaskEventType]: { type: Type; data: z.infer<Schemas[Type]> };
}[TaskEventType];

export type TaskEventOf<Type extends TaskEventType> = Extract<TaskEvent, { type: Type }>;
export type TaskRequested = TaskEventOf<'TaskRequested'>['data'];
export type PageFetched = TaskEventOf<'PageFetched'>['data'];
export type DiscoveredImage = TaskEventOf<'ImagesDiscovered'>['data']['images'][number];
export type ImageStored = TaskEventOf<'ImageStored'>['data'];
export type ImageFailed = TaskEventOf<'ImageFailed'>['data'];
export type ErrorInfo = TaskEventOf<'TaskFailed'>['data']['error'];
export type CollectKind = TaskRequested['collect'][number];

export const TASK_EVENT_SCHEMA_VERSION = 1;

export function isTaskEventType(type: string): type is TaskEventType {
  return Object.hasOwn(taskEventSchemas, type);
}

/** Narrows a recorded event of a task stream to the typed union; other events give null. */
export function toTaskEvent(recorded: RecordedEvent): TaskEvent | null {
  if (!isTaskEventType(recorded.type)) return null;
  return { type: recorded.type, data: recorded.data } as TaskEvent;
}

/** Validates an event's data against its schema before it is appended (writers' safety net). */
export function validateTaskEvent(event: TaskEvent): TaskEvent {
  const schema = taskEventSchemas[event.type];
  return { type: event.type, data: schema.parse(event.data) } as TaskEvent;
}
