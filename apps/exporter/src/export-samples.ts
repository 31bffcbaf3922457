import type { BlobStore } from '@trawl/blob-store';
import type { EventStore } from '@trawl/event-store';
import type { ExportSample, ImageSample, PageTextSample } from '@trawl/exports';
import type { ReadModelStore } from '@trawl/read-models';
import type { ExportSourceRef } from '@trawl/domain';
import { lazyBlobStream } from './lazy-blob';
import { sourceTasks } from './source-tasks';
import { readTaskContent, type TaskContent } from './task-samples';

/** Turns a stored image into the bytes to export: itself, or a variant (imageSize). */
export type ImageResolver = (image: { sha256: string; bytes: number; contentType: string; format: string; width: number; height: number }) => Promise<{
  sha256: string; bytes: number; ext: string; width: number; height: number;
}>;

export interface SampleSourcePorts {
  eventStore: EventStore;
  readModels: ReadModelStore;
  blobs: Pick<BlobStore, 'read'>;
  resolveImage: ImageResolver;
}

/**
 * The samples of a source, one task at a time (memory holds one task's events): each task's stored
 * images in discovery order, then (when asked) its page text. Same content, same order, same bytes.
 */
export async function* exportSamples(ports: SampleSourcePorts, source: ExportSourceRef, withTexts: boolean): AsyncGenerator<ExportSample> {
  for await (const task of sourceTasks(ports.readModels, source)) {
    const content = await readTaskContent(ports.eventStore, task.id);
    if (!content) continue;
    for (const sample of imageSamples(ports, content)) yield await sample;
    if (withTexts) {
      const text = textSample(ports, content);
      if (text) yield text;
    }
  }
}

function* imageSamples(ports: SampleSourcePorts, content: TaskContent): Generator<Promise<ImageSample>> {
  const pageUrl = content.page?.finalUrl ?? content.url;
  for (const { stored, discovered } of content.images) {
    yield (async () => {
      const image = await ports.resolveImage(stored);
      const context = discovered?.context;
      return {
        key: `${content.taskId}-${stored.imageId}`,
        image: { sha256: image.sha256, bytes: image.bytes, ext: image.ext, open: () => lazyBlobStream(ports.blobs, image.sha256) },
        metadata: {
          sourceUrl: stored.sourceUrl,
          pageUrl,
          sha256: image.sha256,
          width: image.width,
          height: image.height,
          alt: context?.alt ?? null,
          caption: context?.caption ?? null,
          license: content.license,
          fetchedAt: stored.reusedFrom?.fetchedAt ?? stored.storedAt,
          taskId: content.taskId,
          imageId: stored.imageId,
        },
      };
    })();
  }
}

function textSample(ports: SampleSourcePorts, content: TaskContent): PageTextSample | null {
  const page = content.page;
  if (!page?.text) return null;
  const { sha256, bytes } = page.text;
  return {
    key: `${content.taskId}-text`,
    text: { sha256, bytes, open: () => lazyBlobStream(ports.blobs, sha256) },
    metadata: { sourceUrl: page.finalUrl, pageUrl: page.finalUrl, sha256, license: content.license, fetchedAt: page.fetchedAt, title: page.title, taskId: content.taskId },
  };
}
