import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { BlobInfo, BlobStore } from '@trawl/blob-store';
import { TrawlError } from '@trawl/errors';
import { renderVariant, type RenderedVariant } from './render-variant';
import { variantContentType, variantReferenceName, type VariantSpec } from './variant-spec';

/** A rendered variant would be larger than the configured cap; nothing was stored. */
export class VariantTooLargeError extends TrawlError {
  readonly code = 'variant-too-large';
}

export interface VariantLimits {
  /** Sources declaring more pixels are refused (TRAWL_MAX_IMAGE_PIXELS). */
  maxInputPixels: number;
  /** Cap on one variant's encoded bytes. */
  maxOutputBytes: number;
}

export type RenderFunction = (source: Buffer, spec: VariantSpec, limits: { maxInputPixels: number }) => Promise<RenderedVariant>;

/**
 * Makes each variant once and keeps it: the rendered bytes are stored content-addressed in the blob
 * store, and a named reference (source sha256 + spec, see variantReferenceName) finds them again, also
 * from another API process or after a restart. Concurrent requests for the same variant in this
 * process share one render; across processes two renders may race, and since both produce the same
 * bytes, the store keeps one copy and the reference ends up at it either way.
 */
export class VariantStore {
  private readonly inFlight = new Map<string, Promise<BlobInfo>>();

  constructor(
    private readonly blobs: BlobStore,
    private readonly limits: VariantLimits,
    private readonly render: RenderFunction = renderVariant,
  ) {}

  /** The stored variant of `sourceSha256` for `spec`, rendered and stored on first request. */
  async variantOf(sourceSha256: string, spec: VariantSpec): Promise<BlobInfo> {
    const name = variantReferenceName(sourceSha256, spec);
    const stored = await this.lookUp(name);
    if (stored) return stored;
    const pending = this.inFlight.get(name);
    if (pending) return pending;
    const created = this.create(name, sourceSha256, spec).finally(() => this.inFlight.delete(name));
    this.inFlight.set(name, created);
    return created;
  }

  private async lookUp(name: string): Promise<BlobInfo | null> {
    const target = await this.blobs.getReference(name);
    // A reference may outlive its blob (deleted by an operator): then the variant is made again.
    return target === null ? null : this.blobs.stat(target);
  }

  private async create(name: string, sourceSha256: string, spec: VariantSpec): Promise<BlobInfo> {
    const source = await buffer(await this.blobs.read(sourceSha256));
    const rendered = await this.render(source, spec, { maxInputPixels: this.limits.maxInputPixels });
    if (rendered.data.byteLength > this.limits.maxOutputBytes) {
      throw new VariantTooLargeError(`the variant would have ${rendered.data.byteLength} bytes, more than the cap of ${this.limits.maxOutputBytes}; ask for a smaller width, height or quality`);
    }
    const info = await this.blobs.write(Readable.from([rendered.data]), { contentType: variantContentType(spec.format) });
    await this.blobs.setReference(name, info.sha256);
    return { ...info, contentType: variantContentType(spec.format) };
  }
}
