import { z } from 'zod';

/** POST …/exports: the format, and the options that change the content (and so the export's id). */
export const requestExportBody = z.strictObject({
  format: z.enum(['webdataset', 'parquet', 'zip'], { error: 'format must be one of webdataset, parquet, zip' }),
  imageSize: z.number().int().min(16).max(4096).optional().describe('Longest side of each image, in pixels: a variant (never enlarged)'),
  shardSize: z.number().int().min(1024 * 1024).max(16 * 1024 * 1024 * 1024).optional().describe('WebDataset only: largest shard in bytes'),
}).refine((body) => body.shardSize === undefined || body.format === 'webdataset', { path: ['shardSize'], message: 'shardSize applies to format webdataset only' });

export type RequestExportBody = z.infer<typeof requestExportBody>;
