import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import sharp from 'sharp';
import { loadConfig } from '@trawl/config';
import { INFRASTRUCTURE, type Infrastructure } from '@trawl/platform';
import { startRoles } from '../../../trawl/src/start-roles';
import { syntheticPhoto } from '../../../../libs/imaging/src/testing/synthetic-photos';

/**
 * The image endpoints against the real API role with the embedded adapters (SQLite event store and
 * read models, file blobs in a temp dir), over HTTP: uploads in their three forms and each refusal,
 * variants (made once), Range, ETag, and the JSON form.
 */
const MAX_UPLOAD = 1_000_000;
const MAX_JSON = 60_000;
const MAX_PIXELS = 4_000_000;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('images API [embedded adapters, real HTTP]', () => {
  let dataDir: string;
  let app: INestApplication;
  let base: string;
  let infrastructure: Infrastructure;
  let photo: Buffer; // 320 x 240 JPEG

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'trawl-images-api-'));
    const config = loadConfig({
      TRAWL_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', TRAWL_LOG_LEVEL: 'silent', TRAWL_RATE_LIMIT_PER_MINUTE: '0',
      TRAWL_MAX_UPLOAD_BYTES: String(MAX_UPLOAD), TRAWL_MAX_IMAGE_JSON_BYTES: String(MAX_JSON), TRAWL_MAX_IMAGE_PIXELS: String(MAX_PIXELS),
      TRAWL_MAX_VARIANT_DIMENSION: '2000',
    });
    app = await startRoles(['api'], config);
    const address = app.getHttpServer().address() as { port: number };
    base = `http://127.0.0.1:${address.port}`;
    infrastructure = app.get(INFRASTRUCTURE);
    photo = await syntheticPhoto('hills');
  });
  afterAll(async () => {
    await app?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const request = (path: string, init?: RequestInit) => fetch(`${base}${path}`, init);
  const uploadRaw = (bytes: Uint8Array, contentType = 'image/jpeg') => request('/api/v1/images', { method: 'POST', headers: { 'content-type': contentType }, body: bytes });
  const uploadJson = (imageData: string) => request('/api/v1/images', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ imageData }) });
  const uploadMultipart = (bytes: Uint8Array, field = 'image') => {
    const form = new FormData();
    form.append('caption', 'ignored');
    form.append(field, new Blob([bytes], { type: 'image/jpeg' }), 'photo.jpg');
    return request('/api/v1/images', { method: 'POST', body: form });
  };
  const blobFiles = async () => (await readdir(join(dataDir, 'blobs'), { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile() && !entry.parentPath.includes('.tmp')).length;
  const uploadEvents = async () => (await infrastructure.eventStore.readAll({ maxCount: 10_000 })).filter((event) => event.type === 'ImageUploaded');

  it('stores an upload once whichever form it comes in: 201, then 200 with the same id and no new event', async () => {
    const first = await uploadRaw(photo);
    expect(first.status).toBe(201);
    const created = (await first.json()) as { id: string; sha256: string; width: number; height: number; perceptualHash: string; url: string };
    expect(created).toMatchObject({ sha256: sha256(photo), contentType: 'image/jpeg', format: 'jpeg', width: 320, height: 240, bytes: photo.length, perceptualHash: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(first.headers.get('location')).toBe(`/api/v1/images/${created.id}`);
    const eventsBefore = (await uploadEvents()).length;
    for (const again of [await uploadJson(photo.toString('base64')), await uploadJson(`data:image/jpeg;base64,${photo.toString('base64')}`), await uploadMultipart(photo)]) {
      expect(again.status).toBe(200);
      expect(((await again.json()) as { id: string }).id).toBe(created.id);
      expect(again.headers.get('location')).toBe(`/api/v1/images/${created.id}`);
    }
    expect((await uploadEvents()).length).toBe(eventsBefore);
    const metadata = await request(`/api/v1/images/${created.id}/metadata`);
    expect(await metadata.json()).toEqual(created);
    const bytes = Buffer.from(await (await request(created.url)).arrayBuffer());
    expect(sha256(bytes)).toBe(sha256(photo));
  });

  it('accepts each form as a new upload: JSON base64, data URI, multipart', async () => {
    const images = await Promise.all(['sun', 'stripes', 'shapes'].map((scene) => syntheticPhoto(scene as 'sun')));
    const answers = [await uploadJson(images[0].toString('base64')), await uploadJson(`data:image/jpeg;base64,${images[1].toString('base64')}`), await uploadMultipart(images[2], 'file')];
    for (const [index, answer] of answers.entries()) {
      expect(answer.status).toBe(201);
      const body = (await answer.json()) as { id: string; sha256: string };
      expect(body.sha256).toBe(sha256(images[index]));
      const events = (await infrastructure.eventStore.readStream(`upload-${body.id}`)).map((event) => [event.type, (event.data as { uploadedAs: string }).uploadedAs]);
      expect(events).toEqual([['ImageUploaded', ['json-base64', 'json-base64', 'multipart'][index]]]);
    }
  });

  it('refuses every bad upload with its own 4xx code and stores nothing', async () => {
    const png = await sharp(photo).png().toBuffer();
    const corrupt = Buffer.from(png).fill(0x55, 200, png.length - 200);
    const tooManyPixels = await sharp({ create: { width: 2100, height: 2000, channels: 3, background: '#808080' } }).png().toBuffer();
    const bigPayload = Buffer.alloc(MAX_UPLOAD + 1, 7);
    const cases: [string, () => Promise<Response>, number, string][] = [
      ['empty raw body', () => uploadRaw(Buffer.alloc(0)), 400, 'empty-image'],
      ['empty base64', () => uploadJson(''), 400, 'empty-image'],
      ['a truncated JPEG', () => uploadRaw(photo.subarray(0, photo.length - 3000)), 422, 'image-truncated'],
      ['a corrupt PNG', () => uploadRaw(corrupt, 'image/png'), 422, 'image-corrupt'],
      ['HTML sent as image/png', () => uploadRaw(Buffer.from('<!doctype html><p>hi'), 'image/png'), 415, 'not-an-image'],
      ['too many pixels', () => uploadRaw(tooManyPixels, 'image/png'), 422, 'image-too-many-pixels'],
      ['too large, raw', () => uploadRaw(bigPayload), 413, 'image-too-large'],
      ['too large, base64', () => uploadJson(bigPayload.toString('base64')), 413, 'image-too-large'],
      ['too large, multipart', () => uploadMultipart(bigPayload), 413, 'image-too-large'],
      ['not base64', () => uploadJson('***'), 400, 'invalid-base64'],
      ['an unknown JSON field', () => request('/api/v1/images', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"imageData": "", "url": "x"}' }), 400, 'invalid-request'],
      ['malformed JSON', () => request('/api/v1/images', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"imageData"' }), 400, 'malformed-json'],
      ['text/plain', () => request('/api/v1/images', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' }), 415, 'unsupported-media-type'],
      ['multipart without a file', () => request('/api/v1/images', { method: 'POST', body: (() => { const form = new FormData(); form.append('a', 'b'); return form; })() }), 400, 'missing-file'],
    ];
    const blobsBefore = await blobFiles();
    const eventsBefore = (await uploadEvents()).length;
    for (const [name, send, status, code] of cases) {
      const response = await send();
      const body = (await response.json()) as { code: string; detail: string; status: number };
      expect({ name, status: response.status, code: body.code }).toEqual({ name, status, code });
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(body.detail.length).toBeGreaterThan(10);
    }
    expect(await blobFiles()).toBe(blobsBefore);
    expect((await uploadEvents()).length).toBe(eventsBefore);
  });

  it('makes a variant once and serves it from the store after that, with ETag, Range and immutable caching', async () => {
    const { id } = (await (await uploadRaw(await syntheticPhoto('sun', { seed: 99 }))).json()) as { id: string };
    const writes = jest.spyOn(infrastructure.blobStore, 'write');
    const thumbnail = await request(`/api/v1/images/${id}?width=64&format=webp`);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');
    expect(thumbnail.headers.get('cache-control')).toContain('immutable');
    expect(thumbnail.headers.get('vary')).toMatch(/Accept/);
    const bytes = Buffer.from(await thumbnail.arrayBuffer());
    expect(await sharp(bytes).metadata()).toMatchObject({ format: 'webp', width: 64, height: 48 });
    expect(thumbnail.headers.get('etag')).toBe(`"${sha256(bytes)}"`);
    expect(writes).toHaveBeenCalledTimes(1);

    const again = await request(`/api/v1/images/${id}?format=webp&width=64`);
    expect(sha256(Buffer.from(await again.arrayBuffer()))).toBe(sha256(bytes));
    const range = await request(`/api/v1/images/${id}?width=64&format=webp`, { headers: { range: 'bytes=0-9' } });
    expect(range.status).toBe(206);
    expect(Buffer.from(await range.arrayBuffer())).toEqual(bytes.subarray(0, 10));
    const notModified = await request(`/api/v1/images/${id}?width=64&format=webp`, { headers: { 'if-none-match': thumbnail.headers.get('etag')! } });
    expect(notModified.status).toBe(304);
    expect(writes).toHaveBeenCalledTimes(1);
    writes.mockRestore();
  });

  it('answers with JSON and base64 data that round-trips to the same bytes, within a cap', async () => {
    const { id } = (await (await uploadRaw(await syntheticPhoto('stripes', { seed: 5 }))).json()) as { id: string };
    const binary = Buffer.from(await (await request(`/api/v1/images/${id}?width=100&format=png`)).arrayBuffer());
    const json = await request(`/api/v1/images/${id}?width=100&format=png`, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await json.json()) as { id: string; sha256: string; contentType: string; width: number; height: number; bytes: number; data: string };
    expect(body).toMatchObject({ id, sha256: sha256(binary), contentType: 'image/png', width: 100, height: 75, bytes: binary.length });
    expect(Buffer.from(body.data, 'base64')).toEqual(binary);

    const tooLarge = await request(`/api/v1/images/${id}?format=png`, { headers: { accept: 'application/json' } });
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({ code: 'image-too-large-for-json', detail: expect.stringContaining(`${MAX_JSON}`) });
  });

  it('names each invalid variant parameter in a 400 problem', async () => {
    const { id } = (await (await uploadRaw(photo)).json()) as { id: string };
    const cases: [string, string][] = [
      ['width=0', 'width'], ['width=2001', 'width'], ['height=abc', 'height'], ['fit=stretch&width=5', 'fit'], ['fit=cover', 'fit'],
      ['format=gif', 'format'], ['quality=0', 'quality'], ['quality=101', 'quality'], ['metadata=all', 'metadata'], ['size=10', 'size'], ['width=5&width=6', 'width'],
    ];
    for (const [query, parameter] of cases) {
      const response = await request(`/api/v1/images/${id}?${query}`);
      const body = (await response.json()) as { code: string; detail: string; errors: { path: string }[] };
      expect({ query, status: response.status, code: body.code, paths: body.errors.map((error) => error.path) }).toEqual({ query, status: 400, code: 'invalid-request', paths: [parameter] });
      expect(body.detail).toContain(parameter);
    }
    expect((await request('/api/v1/images/0123456789abcdef0123456789abcdef')).status).toBe(404);
    expect((await request('/api/v1/images/..%2F..%2Fetc')).status).toBe(404);
  });

  it('serves variants of a task\'s stored image on the task image endpoint too', async () => {
    const taskId = randomUUID();
    const stored = await infrastructure.blobStore.write(Readable.from([photo]), { contentType: 'image/jpeg' });
    await infrastructure.readModels.saveImages([{
      taskId, id: 'img-1', sourceUrl: 'http://127.0.0.1/a.jpg', status: 'stored', sha256: stored.sha256, contentType: 'image/jpeg',
      width: 320, height: 240, bytes: stored.bytes, error: null, ordinal: 0, updatedAt: new Date().toISOString(), revision: 3,
    }]);
    const path = `/api/v1/tasks/${taskId}/images/img-1`;
    const original = await request(path);
    expect(sha256(Buffer.from(await original.arrayBuffer()))).toBe(stored.sha256);
    const variant = await request(`${path}?width=32&height=32&fit=cover&format=avif&quality=40`);
    expect(variant.headers.get('content-type')).toBe('image/avif');
    expect(await sharp(Buffer.from(await variant.arrayBuffer())).metadata()).toMatchObject({ width: 32, height: 32 });
    const json = (await (await request(`${path}?width=16`, { headers: { accept: 'application/json' } })).json()) as { id: string; width: number };
    expect(json).toMatchObject({ id: 'img-1', width: 16, height: 12 });
    expect((await request(`${path}?quality=500`)).status).toBe(400);
  });
});
