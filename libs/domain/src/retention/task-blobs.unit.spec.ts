import type { TaskEvent } from '../events/task-events';
import { blobsLinkedAgain, blobsOfTask, decideBlobRemoval } from './task-blobs';

const sha = (c: string) => c.repeat(64);
const pageFetched = (text: string | null, html: string | null): TaskEvent =>
  ({ type: 'PageFetched', data: { taskId: 't1', text: text ? { sha256: text, bytes: 1 } : null, html: html ? { sha256: html, bytes: 1 } : null } }) as unknown as TaskEvent;
const imageStored = (taskId: string, image: string, thumbnails: string[] = []): TaskEvent =>
  ({ type: 'ImageStored', data: { taskId, imageId: 'i', sha256: image, thumbnails: thumbnails.map((t, i) => ({ width: 64 * (i + 1), sha256: t, bytes: 1, contentType: 'image/webp' })) } }) as unknown as TaskEvent;

describe('blobsOfTask', () => {
  it('collects text, HTML, images, thumbnails and re-extracted text, each once', () => {
    const extracted = { type: 'TextExtracted', data: { text: { sha256: sha('e'), bytes: 1 }, markdown: { sha256: sha('f'), bytes: 1 } } } as unknown as TaskEvent;
    const events = [pageFetched(sha('a'), sha('b')), imageStored('t1', sha('c'), [sha('d')]), imageStored('t1', sha('c')), extracted];
    expect(blobsOfTask(events).sort()).toEqual([sha('a'), sha('b'), sha('c'), sha('d'), sha('e'), sha('f')]);
  });

  it('a page without text and failed images reference nothing', () => {
    const failed = { type: 'ImageFailed', data: { taskId: 't1', imageId: 'i' } } as unknown as TaskEvent;
    expect(blobsOfTask([pageFetched(null, null), failed])).toEqual([]);
  });
});

describe('decideBlobRemoval', () => {
  it('removes only what no live task and no upload references', () => {
    const decision = decideBlobRemoval([sha('a'), sha('b'), sha('c'), sha('a')], new Set([sha('b')]), new Set([sha('c')]));
    expect(decision).toEqual({ remove: [sha('a')], keep: [sha('b'), sha('c')] });
  });
});

describe('blobsLinkedAgain', () => {
  it('finds removed blobs that a live task or an upload linked after the check, ignoring the expired tasks', () => {
    const removed = new Set([sha('a'), sha('b'), sha('c')]);
    const later = [
      { taskId: 't2', event: imageStored('t2', sha('a')) },
      { taskId: 't1', event: imageStored('t1', sha('b')) },
      { taskId: null, event: null, uploadedSha256: sha('c') },
      { taskId: 't3', event: imageStored('t3', sha('z')) },
    ];
    expect([...blobsLinkedAgain(removed, later, new Set(['t1']))].sort()).toEqual([sha('a'), sha('c')]);
  });
});
