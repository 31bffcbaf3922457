import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { BLOB_STORE, type BlobStore } from '@trawl/blob-store';
import { TooManyPixelsError, UndecodableImageError, VariantStore, VariantTooLargeError, parseVariantQuery, resolveVariant, type VariantRequest } from '@trawl/imaging';
import { sendBlob } from '../../http/blob-responder';
import { ApiProblem, problems } from '../../http/problem';
import { IMAGE_LIMITS, type ImageLimits } from '../image-limits';
import { sendImageJson } from './image-json';

/** A stored image as the endpoints that serve it know it. */
export interface ServableImage {
  /** The id the client used (a task's image id, or an upload id): echoed in the JSON form. */
  id: string;
  sha256: string;
  bytes: number;
  contentType: string;
}

/**
 * Serves a stored image in the form a request asks for: the original bytes, or a variant
 * (`width`, `height`, `fit`, `format`, `quality`, `metadata`), each as bytes (ETag, Range, immutable
 * caching) or, with `Accept: application/json`, as JSON with base64 data. One URL, several
 * representations: every answer says `Vary: Accept`.
 */
@Injectable()
export class ImageRepresentations {
  constructor(
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    private readonly variants: VariantStore,
    @Inject(IMAGE_LIMITS) private readonly limits: ImageLimits,
  ) {}

  /** Throws a 400 problem naming each invalid parameter before anything is read. */
  parse(request: Request): VariantRequest | null {
    const parsed = parseVariantQuery(request.query as Record<string, unknown>, { maxDimension: this.limits.maxVariantDimension });
    if (!parsed.ok) {
      const detail = parsed.errors.map((error) => `${error.path}: ${error.message}`).join('; ');
      throw problems.invalidRequest(`invalid image parameters: ${detail}`, parsed.errors);
    }
    return parsed.request;
  }

  async send(image: ServableImage, variant: VariantRequest | null, request: Request, response: Response): Promise<void> {
    const blob = variant === null ? image : await this.variantOf(image, variant);
    response.vary('Accept');
    if (request.accepts(['image/*', 'application/json']) === 'application/json') {
      await sendImageJson(this.blobs, { ...blob, id: image.id }, this.limits.maxJsonImageBytes, request, response);
      return;
    }
    await sendBlob(this.blobs, blob, request, response);
  }

  private async variantOf(image: ServableImage, request: VariantRequest): Promise<ServableImage> {
    try {
      const stored = await this.variants.variantOf(image.sha256, resolveVariant(request, image.contentType));
      return { id: image.id, sha256: stored.sha256, bytes: stored.bytes, contentType: stored.contentType ?? 'application/octet-stream' };
    } catch (error) {
      throw variantProblem(error) ?? error;
    }
  }
}

function variantProblem(error: unknown): ApiProblem | null {
  if (error instanceof VariantTooLargeError) return new ApiProblem(413, error.code, 'Content Too Large', error.message);
  if (error instanceof TooManyPixelsError) return new ApiProblem(422, error.code, 'Unprocessable Content', error.message);
  if (error instanceof UndecodableImageError) {
    return new ApiProblem(422, error.code, 'Unprocessable Content', 'this image cannot be resized (its format, BMP or ICO, is not decoded, or its data is damaged); ask for it without variant parameters');
  }
  return null;
}
