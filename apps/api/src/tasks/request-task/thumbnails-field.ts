import { z } from 'zod';
import type { ThumbnailOption } from '@trawl/domain';

const FORMATS = ['jpeg', 'png', 'webp', 'avif'] as const;
const width = z.number().int().min(1).max(4096);

const thumbnailObject = z
  .object({
    width: width.describe('Pixels; never enlarged past the source'),
    format: z.enum(FORMATS).optional().describe("Output format; absent: the source's own (PNG for GIF, SVG, TIFF, BMP, ICO)"),
    quality: z.number().int().min(1).max(100).optional().describe("Encoder quality for jpeg, webp, avif; absent: the format's default (80, 80, 50)"),
  })
  .strict();

/**
 * One thumbnail: a width, or `{width, format, quality}`. A union's own error says only "Invalid input",
 * so the message is made from the branch the value was meant for (an object: its fields' errors).
 */
const thumbnail = z.union([width, thumbnailObject], {
  error: (issue) => {
    if (issue.code !== 'invalid_union') return undefined;
    const objectIssues = issue.input !== null && typeof issue.input === 'object' && !Array.isArray(issue.input) ? issue.errors[1] : null;
    if (!objectIssues) return 'must be a width (an integer from 1 to 4096) or {width, format, quality}';
    return objectIssues.map((inner) => `${inner.path.join('.')}: ${inner.message}`).join('; ');
  },
});

const sameThumbnail = (option: ThumbnailOption) => (typeof option === 'number' ? `${option}::` : `${option.width}:${option.format ?? ''}:${option.quality ?? ''}`);

/**
 * The `thumbnails` option of a task (and, the same, of a batch): made as each image is stored (ADR 0007).
 * A plain width, or an object naming neither format nor quality, is kept as a number: what
 * TaskRequested held before formats existed, and still means the source's own format.
 */
export const thumbnailsField = z
  .array(thumbnail)
  .min(1)
  .max(4, 'at most 4 thumbnails')
  .superRefine((options, context) => {
    options.forEach((option, index) => {
      if (typeof option === 'object' && option.format === 'png' && option.quality !== undefined) {
        context.addIssue({ code: 'custom', path: [index, 'quality'], message: 'png is lossless: quality applies to jpeg, webp and avif' });
      }
    });
    if (new Set(options.map(sameThumbnail)).size !== options.length) context.addIssue({ code: 'custom', message: 'must not name the same thumbnail twice' });
  })
  .transform((options): ThumbnailOption[] =>
    options.map((option) => {
      if (typeof option === 'number' || (option.format === undefined && option.quality === undefined)) return typeof option === 'number' ? option : option.width;
      return { width: option.width, ...(option.format ? { format: option.format } : {}), ...(option.quality !== undefined ? { quality: option.quality } : {}) };
    }),
  )
  .describe(
    'Thumbnails (at most 4) made as each image is stored: a width in pixels, e.g. [256] (the source\'s format), or {width, format, quality}, e.g. [{"width": 256, "format": "webp"}]; ' +
      'each is served from the store by the `url` its image lists (GET …/images/{imageId}?width=N&format=F)',
  );

const POSITIVE_INTEGER = /^[1-9][0-9]{0,8}$/;

/**
 * The same option from an upload's query: `thumbnails=256,128`, with `thumbnailFormat` and
 * `thumbnailQuality` applying to each width. Issues are reported under the parameter that caused them.
 */
export function thumbnailsFromQuery(query: { thumbnails?: string; thumbnailFormat?: string; thumbnailQuality?: string }, context: z.RefinementCtx): ThumbnailOption[] | undefined {
  const { thumbnails, thumbnailFormat, thumbnailQuality } = query;
  if (thumbnails === undefined) {
    if (thumbnailFormat !== undefined) context.addIssue({ code: 'custom', path: ['thumbnailFormat'], message: 'needs thumbnails' });
    if (thumbnailQuality !== undefined) context.addIssue({ code: 'custom', path: ['thumbnailQuality'], message: 'needs thumbnails' });
    return undefined;
  }
  const widths = thumbnails.split(',').map((value) => value.trim());
  if (!widths.every((value) => POSITIVE_INTEGER.test(value))) {
    context.addIssue({ code: 'custom', path: ['thumbnails'], message: 'must be comma-separated widths, e.g. 256,128' });
    return undefined;
  }
  if (thumbnailQuality !== undefined && !POSITIVE_INTEGER.test(thumbnailQuality)) {
    context.addIssue({ code: 'custom', path: ['thumbnailQuality'], message: 'must be an integer from 1 to 100' });
    return undefined;
  }
  const options = widths.map((value) => ({
    width: Number(value),
    ...(thumbnailFormat !== undefined ? { format: thumbnailFormat } : {}),
    ...(thumbnailQuality !== undefined ? { quality: Number(thumbnailQuality) } : {}),
  }));
  const parsed = thumbnailsField.safeParse(options);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) context.addIssue({ code: 'custom', path: [queryParameterOf(issue)], message: issue.message });
  return undefined;
}

function queryParameterOf(issue: z.core.$ZodIssue): string {
  if (issue.path.includes('quality') || issue.message.startsWith('quality')) return 'thumbnailQuality';
  if (issue.path.includes('format') || issue.message.startsWith('format')) return 'thumbnailFormat';
  return 'thumbnails';
}
