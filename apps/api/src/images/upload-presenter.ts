import type { ImageUploaded } from '@trawl/domain';
import { API_PREFIX } from '../tasks/task-presenter';

export function uploadPath(uploadId: string): string {
  return `${API_PREFIX}/images/${uploadId}`;
}

/** The public JSON shape of an upload (documented in the OpenAPI document as ImageUpload). */
export function presentUpload(upload: ImageUploaded) {
  return {
    id: upload.uploadId,
    sha256: upload.sha256,
    contentType: upload.contentType,
    format: upload.format,
    width: upload.width,
    height: upload.height,
    bytes: upload.bytes,
    perceptualHash: upload.perceptualHash,
    uploadedAt: upload.uploadedAt,
    url: uploadPath(upload.uploadId),
  };
}
