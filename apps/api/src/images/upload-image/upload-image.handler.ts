import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { BLOB_STORE, type BlobStore } from '@trawl/blob-store';
import { decideUpload, uploadFromHistory, uploadIdFor, uploadStreamName, type ImageUploaded } from '@trawl/domain';
import { DuplicateEventError, WrongExpectedRevisionError } from '@trawl/errors';
import { EVENT_STORE, type EventStore } from '@trawl/event-store';
import { judgeUpload, perceptualHash } from '@trawl/imaging';
import { IMAGE_LIMITS, type ImageLimits } from '../image-limits';
import { UploadImageCommand, type UploadImageResult } from './upload-image.command';

/**
 * Stores an uploaded image once per distinct bytes: judge it (nothing is stored for a refused file),
 * write the bytes content-addressed, then append ImageUploaded to the upload's stream unless the
 * stream already has it. The upload id and the event id both follow from the bytes' SHA-256, so a
 * repeated upload, even a racing one, appends nothing and answers with the same id.
 */
@CommandHandler(UploadImageCommand)
export class UploadImageHandler implements ICommandHandler<UploadImageCommand, UploadImageResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(IMAGE_LIMITS) private readonly limits: ImageLimits,
  ) {}

  async execute({ bytes, uploadedAs }: UploadImageCommand): Promise<UploadImageResult> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const uploadId = uploadIdFor(sha256);
    const stream = uploadStreamName(uploadId);
    const existing = uploadFromHistory(await this.eventStore.readStream(stream));
    if (existing) return { ok: true, created: false, upload: existing };

    const verdict = await judgeUpload(bytes, { maxPixels: this.limits.maxPixels });
    if (!verdict.ok) return verdict;
    const { probe } = verdict;
    await this.blobs.write(Readable.from([bytes]), { contentType: probe.contentType, maxBytes: this.limits.maxUploadBytes });
    const upload: ImageUploaded = {
      uploadId, sha256, contentType: probe.contentType, format: probe.format, width: probe.width, height: probe.height, bytes: bytes.byteLength,
      perceptualHash: await this.hashOf(bytes), uploadedAs, uploadedAt: new Date().toISOString(),
    };
    try {
      await this.eventStore.appendToStream(stream, decideUpload([], upload), { expectedRevision: 'no_stream' });
      return { ok: true, created: true, upload };
    } catch (error) {
      // Another request stored the same bytes first: its upload is this one.
      if (!(error instanceof WrongExpectedRevisionError || error instanceof DuplicateEventError)) throw error;
      const winner = uploadFromHistory(await this.eventStore.readStream(stream));
      if (!winner) throw error;
      return { ok: true, created: false, upload: winner };
    }
  }

  /** null for what libvips does not decode (BMP, ICO): such an upload is stored, just not hashed. */
  private async hashOf(bytes: Buffer): Promise<string | null> {
    return perceptualHash(bytes, { maxInputPixels: this.limits.maxPixels }).catch(() => null);
  }
}
