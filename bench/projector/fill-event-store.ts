import { randomUUID } from 'node:crypto';
import { createEventStore } from '@trawl/event-store';
import { steps, type TaskEvent } from '@trawl/domain';
import { TaskStreams, type StepEvent } from '@trawl/tasks';

const SHA = 'a'.repeat(64);

/**
 * One finished task's events, as the writers record them: requested, started, page fetched, images
 * discovered, `images` × image stored, completed (5 + images events).
 */
export function finishedTaskEvents(taskId: string, images: number): StepEvent[] {
  const now = new Date().toISOString();
  const url = `http://127.0.0.1:9/bench/${taskId}.html`;
  const discovered = Array.from({ length: images }, (_, n) => ({ imageId: `${taskId}-img-${n}`, url: `http://127.0.0.1:9/img/${taskId}/${n}.png`, ordinal: n }));
  const stepped = (step: string, event: TaskEvent): StepEvent => ({ step, event });
  return [
    stepped(steps.requested, { type: 'TaskRequested', data: { taskId, url, collect: ['text', 'images'], requestedAt: now, respectRobots: false } }),
    stepped(steps.started, { type: 'TaskStarted', data: { taskId, startedAt: now } }),
    stepped(steps.pageFetched, {
      type: 'PageFetched',
      data: {
        taskId, finalUrl: url, httpStatus: 200, contentType: 'text/html', charset: 'utf-8', bytes: 51_200, title: `Page ${taskId}`,
        text: { sha256: SHA, bytes: 20_000 }, imagesFound: images, imagesTruncated: false, imagesReferenced: images, fetchedAt: now,
      },
    }),
    stepped(steps.imagesDiscovered(0), { type: 'ImagesDiscovered', data: { taskId, images: discovered, respectRobots: false } }),
    ...discovered.map((image) =>
      stepped(steps.imageOutcome(image.imageId), {
        type: 'ImageStored',
        data: {
          taskId, imageId: image.imageId, sourceUrl: image.url, sha256: SHA, contentType: 'image/png', format: 'png',
          width: 128, height: 128, bytes: 49_000, storedAt: now,
        },
      }),
    ),
    stepped(steps.completed, { type: 'TaskCompleted', data: { taskId, imagesStored: images, imagesFailed: 0, completedAt: now } }),
  ];
}

/** Writes `tasks` finished task streams into the SQLite event store at `path`, with the project's own writer. */
export async function fillEventStore(path: string, tasks: number, imagesPerTask: number): Promise<number> {
  const store = await createEventStore({ kind: 'sqlite', path });
  const streams = new TaskStreams(store);
  let events = 0;
  try {
    for (let n = 0; n < tasks; n += 1) {
      const taskId = randomUUID();
      const taskEvents = finishedTaskEvents(taskId, imagesPerTask);
      await streams.append(taskId, taskEvents, { expectedRevision: 'no_stream', correlationId: taskId });
      events += taskEvents.length;
    }
  } finally {
    await store.close();
  }
  return events;
}
