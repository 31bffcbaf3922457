import { z } from 'zod';
import { problems } from '../http/problem';

const taskId = z.uuid();

/** Whether `id` can name a task: task ids are UUIDs. */
export function isTaskId(id: string): boolean {
  return taskId.safeParse(id).success;
}

/** Task ids are UUIDs; anything else cannot name a task, so it is a 404 (not a 400) like any unknown id. */
export function assertTaskId(id: string): string {
  if (!isTaskId(id)) throw problems.notFound(`no task with id ${id}`);
  return id;
}
