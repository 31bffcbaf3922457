const TASK_STREAM_PREFIX = 'task-';

/** The one place that names a task's stream. */
export function taskStreamName(taskId: string): string {
  return `${TASK_STREAM_PREFIX}${taskId}`;
}

export function taskIdFromStreamName(streamName: string): string | null {
  return streamName.startsWith(TASK_STREAM_PREFIX) ? streamName.slice(TASK_STREAM_PREFIX.length) : null;
}
