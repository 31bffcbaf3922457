import type { EventStore } from '@trawl/event-store';
import { taskStreamName, toTaskEvent, type DiscoveredImage, type ImageStored, type PageFetched } from '@trawl/domain';

/** What one task contributes to an export: its page text and its stored images, with their context. */
export interface TaskContent {
  taskId: string;
  url: string;
  page: PageFetched | null;
  /** The license the page states (PageFetched.metadata, when the page said), else null. */
  license: string | null;
  /** Stored images in discovery order, each with what the page said about it. */
  images: { stored: ImageStored; discovered: DiscoveredImage | undefined }[];
}

/**
 * Folds one task's stream into what an export needs. The stream (not the image rows) is read because
 * it alone keeps the page's words about each image (alt, caption) and the page's license; it holds one
 * task, so it is small. A requeued task counts from its last run.
 */
export async function readTaskContent(store: EventStore, taskId: string): Promise<TaskContent | null> {
  const recorded = await store.readStream(taskStreamName(taskId));
  let url: string | null = null;
  let page: PageFetched | null = null;
  const discovered = new Map<string, DiscoveredImage>();
  const stored = new Map<string, ImageStored>();
  for (const event of recorded.map(toTaskEvent)) {
    if (!event) continue;
    switch (event.type) {
      case 'TaskRequested':
        url ??= event.data.url;
        break;
      case 'TaskRequeued':
        page = null;
        discovered.clear();
        stored.clear();
        break;
      case 'PageFetched':
        page = event.data;
        break;
      case 'ImagesDiscovered':
        for (const image of event.data.images) if (!discovered.has(image.imageId)) discovered.set(image.imageId, image);
        break;
      case 'ImageStored':
        if (!stored.has(event.data.imageId)) stored.set(event.data.imageId, event.data);
        break;
    }
  }
  if (url === null) return null;
  const ordinal = (imageId: string) => discovered.get(imageId)?.ordinal ?? Number.MAX_SAFE_INTEGER;
  const images = [...stored.values()]
    .sort((a, b) => ordinal(a.imageId) - ordinal(b.imageId) || a.imageId.localeCompare(b.imageId))
    .map((image) => ({ stored: image, discovered: discovered.get(image.imageId) }));
  const metadata = (page as { metadata?: { license?: string | null } } | null)?.metadata;
  return { taskId, url, page, license: metadata?.license ?? null, images };
}
