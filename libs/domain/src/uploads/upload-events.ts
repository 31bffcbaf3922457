import { z } from 'zod';

/**
 * The events of an upload's stream (`upload-<uploadId>`), version 1. An upload is named by its bytes:
 * the same bytes uploaded twice are one upload, one stream, one ImageUploaded. Events carry the blob's
 * SHA-256, never bytes.
 */
export const imageUploaded = z.object({
  uploadId: z.string().describe('The upload\'s id (the token of GET /api/v1/images/{id}); derived from sha256'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).describe('Lower-case hex SHA-256 of the stored bytes'),
  contentType: z.string().describe('Media type read from the bytes (never the one the client claimed)'),
  format: z.string().describe('jpeg, png, gif, webp, avif, heif, tiff, svg, bmp or ico'),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: z.number().int().positive(),
  perceptualHash: z
    .string()
    .regex(/^[0-9a-f]{16}$/)
    .nullable()
    .describe('64-bit pHash as 16 hex digits, for near-duplicate search; null for formats libvips does not decode (BMP, ICO)'),
  uploadedAs: z.enum(['json-base64', 'raw', 'multipart']).describe('How the client sent the bytes'),
  uploadedAt: z.string().describe('ISO 8601 timestamp'),
});

export const uploadEventSchemas = { ImageUploaded: imageUploaded } as const;
export const UPLOAD_EVENT_SCHEMA_VERSION = 1;

export type ImageUploaded = z.infer<typeof imageUploaded>;
export type UploadEvent = { type: 'ImageUploaded'; data: ImageUploaded };
