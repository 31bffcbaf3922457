import { z } from 'zod';

/** What a page says about itself, as recorded in events; every field is null when the page is silent. */
export const pageMetadataSchema = z.object({
  title: z.string().nullable(),
  description: z.string().nullable(),
  /** `<link rel="canonical">` (else `og:url`), absolute. */
  canonicalUrl: z.string().url().nullable(),
  /** The language the page declares: `<html lang>`, else `content-language` meta, as written. */
  lang: z.string().nullable(),
  /** ISO 639-1 code that the detector finds in the extracted text. */
  detectedLanguage: z.string().nullable(),
  /** 0…1, see detect-language.ts for how it is computed. */
  languageConfidence: z.number().min(0).max(1).nullable(),
  author: z.string().nullable(),
  /** ISO 8601 (UTC) of the publication date the page states. */
  publishedAt: z.string().datetime().nullable(),
  siteName: z.string().nullable(),
  /** A license URL (`rel=license`, a Creative Commons link, JSON-LD `license`) or the license's name. */
  license: z.string().nullable(),
});

export type PageMetadata = z.infer<typeof pageMetadataSchema>;
