import type { ImageUploaded } from '@trawl/domain';
import type { UploadRefusal } from '@trawl/imaging';
import type { UploadedAs } from './upload-body';

export class UploadImageCommand {
  constructor(
    readonly bytes: Buffer,
    readonly uploadedAs: UploadedAs,
  ) {}
}

/** `created` is false when the same bytes were uploaded before: nothing new was stored or appended. */
export type UploadImageResult = { ok: true; created: boolean; upload: ImageUploaded } | { ok: false; code: UploadRefusal; detail: string };
