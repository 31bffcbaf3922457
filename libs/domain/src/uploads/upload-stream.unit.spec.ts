import type { RecordedEvent } from '@trawl/event-store';
import { decideUpload, isUploadId, uploadFromHistory, uploadIdFor, uploadIdFromStreamName, uploadStreamName } from './upload-stream';
import type { ImageUploaded } from './upload-events';

const sha256 = 'ab'.repeat(32);
const upload: ImageUploaded = {
  uploadId: uploadIdFor(sha256), sha256, contentType: 'image/png', format: 'png', width: 4, height: 3, bytes: 120,
  perceptualHash: '0123456789abcdef', uploadedAs: 'raw', uploadedAt: '2026-12-01T08:00:00.000Z',
};
const recorded = (type: string, data: unknown): RecordedEvent => ({
  id: '00000000-0000-8000-8000-000000000000', type, data, metadata: {}, streamName: uploadStreamName(upload.uploadId), revision: 0n, position: '1', recordedAt: new Date(),
});

describe('upload stream', () => {
  it('names an upload by its bytes, and its stream by the id', () => {
    expect(uploadIdFor(sha256)).toBe(uploadIdFor(sha256));
    expect(uploadIdFor(sha256)).not.toBe(uploadIdFor('cd'.repeat(32)));
    expect(isUploadId(uploadIdFor(sha256))).toBe(true);
    expect(isUploadId('../etc')).toBe(false);
    expect(uploadIdFromStreamName(uploadStreamName('abc'))).toBe('abc');
    expect(uploadIdFromStreamName('task-abc')).toBeNull();
  });

  it('appends ImageUploaded once, with an id derived from the upload', () => {
    const [first] = decideUpload([], upload);
    expect(first).toMatchObject({ type: 'ImageUploaded', data: upload, metadata: { schemaVersion: 1 } });
    expect(first.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(decideUpload([], { ...upload, uploadedAt: '2026-12-02T00:00:00.000Z' })[0].id).toBe(first.id);
    expect(decideUpload([recorded('ImageUploaded', upload)], upload)).toEqual([]);
  });

  it('refuses an event that breaks its schema', () => {
    expect(() => decideUpload([], { ...upload, perceptualHash: 'nope' })).toThrow();
  });

  it('reads the upload back from its history', () => {
    expect(uploadFromHistory([])).toBeNull();
    expect(uploadFromHistory([recorded('ImageUploaded', upload)])).toEqual(upload);
  });
});
