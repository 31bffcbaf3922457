import { deterministicEventId, stepInRun, type TaskEvent } from '@trawl/domain';
import { shardOf, type OutgoingJob } from '@trawl/job-bus';
import { hostKey, type ImageJob, type PageJob } from '@trawl/tasks';

/** The job key of a URL: its host, and with several shards, the URL's shard of it. */
function keyOf(url: string, hostShards: number): Pick<OutgoingJob, 'key' | 'shard'> {
  return hostShards > 1 ? { key: hostKey(url), shard: shardOf(url, hostShards) } : { key: hostKey(url) };
}

/**
 * Which jobs an event asks for (pure). Job ids are deterministic, so a relay that replays events
 * after a crash publishes jobs the workers recognise as the same work. `hostShards` (`hostShardsOf`
 * of the job bus, ADR 0010): how many shards of its host the jobs spread over, by their URL.
 */
export function jobsFor(event: TaskEvent, correlationId: string, hostShards = 1): { pages: OutgoingJob<PageJob>[]; images: OutgoingJob<ImageJob>[] } {
  if (event.type === 'TaskRequested') {
    const { taskId, url, collect } = event.data;
    const respectRobots = event.data.respectRobots ?? true;
    return {
      pages: [{ id: deterministicEventId(taskId, 'page-job'), ...keyOf(url, hostShards), payload: { taskId, url, collect, correlationId, respectRobots } }],
      images: [],
    };
  }
  if (event.type === 'TaskRequeued') {
    // A new run of a failed task (ADR 0005): its page job again, with an id of its own.
    const { taskId, url, collect, run } = event.data;
    return {
      pages: [{ id: deterministicEventId(taskId, stepInRun('page-job', run)), ...keyOf(url, hostShards), payload: { taskId, url, collect, correlationId } }],
      images: [],
    };
  }
  if (event.type === 'ImagesDiscovered') {
    const { taskId } = event.data;
    const respectRobots = event.data.respectRobots ?? true;
    const images = event.data.images
      // Inline data: images are decoded by the page worker; their outcome is already in the stream.
      .filter((image) => !image.url.startsWith('data:'))
      .map((image) => ({
        id: deterministicEventId(taskId, `image-job:${image.imageId}`),
        ...keyOf(image.url, hostShards),
        payload: { taskId, imageId: image.imageId, url: image.url, correlationId, respectRobots },
      }));
    return { pages: [], images };
  }
  return { pages: [], images: [] };
}
