import type { TaskEvent } from '../events/task-events';

/**
 * The blobs an event makes its task reference: the page's text, Markdown and HTML, the stored images
 * and their thumbnails. Retention counts these references; one blob may be referenced by many tasks
 * (the store keeps the same bytes once).
 */
export function blobsReferencedBy(event: TaskEvent): string[] {
  switch (event.type) {
    case 'PageFetched':
      return present([event.data.text?.sha256, event.data.markdown?.sha256, event.data.html?.sha256]);
    case 'TextExtracted':
      return present([event.data.text.sha256, event.data.markdown?.sha256]);
    case 'ImageStored':
      return present([event.data.sha256, ...(event.data.thumbnails ?? []).map((thumbnail) => thumbnail.sha256)]);
    default:
      return [];
  }
}

/** Every blob a task's events reference, each once. */
export function blobsOfTask(events: Iterable<TaskEvent>): string[] {
  const blobs = new Set<string>();
  for (const event of events) for (const sha256 of blobsReferencedBy(event)) blobs.add(sha256);
  return [...blobs];
}

/**
 * Which of an expired task's blobs may go: those no live task and no upload references. `referenced`
 * holds the addresses some other live task still references; `uploaded` those that are uploads of
 * their own (POST /api/v1/images), which retention never removes.
 */
export function decideBlobRemoval(candidates: readonly string[], referenced: ReadonlySet<string>, uploaded: ReadonlySet<string>): { remove: string[]; keep: string[] } {
  const remove: string[] = [];
  const keep: string[] = [];
  for (const sha256 of new Set(candidates)) (referenced.has(sha256) || uploaded.has(sha256) ? keep : remove).push(sha256);
  return { remove, keep };
}

/**
 * The re-check after a delete: of the blobs just removed, those that an event appended since the
 * reference check links again (a task that reused or re-stored the same bytes while the sweep ran).
 * Events of the expired tasks themselves do not count.
 */
export function blobsLinkedAgain(removed: ReadonlySet<string>, laterEvents: Iterable<{ taskId: string | null; event: TaskEvent | null; uploadedSha256?: string }>, expiredTaskIds: ReadonlySet<string>): Set<string> {
  const linked = new Set<string>();
  for (const { taskId, event, uploadedSha256 } of laterEvents) {
    if (uploadedSha256 !== undefined && removed.has(uploadedSha256)) linked.add(uploadedSha256);
    if (!event || taskId === null || expiredTaskIds.has(taskId)) continue;
    for (const sha256 of blobsReferencedBy(event)) if (removed.has(sha256)) linked.add(sha256);
  }
  return linked;
}

function present(values: readonly (string | undefined)[]): string[] {
  return values.filter((value): value is string => typeof value === 'string');
}
