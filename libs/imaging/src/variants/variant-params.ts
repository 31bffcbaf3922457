/** How a variant fits the box of `width` × `height` (sharp's names; never larger than the source). */
export const VARIANT_FITS = ['cover', 'contain', 'inside'] as const;
export const VARIANT_FORMATS = ['jpeg', 'png', 'webp', 'avif'] as const;
export type VariantFit = (typeof VARIANT_FITS)[number];
export type VariantFormat = (typeof VARIANT_FORMATS)[number];

/** What a client asked for, validated; absent fields take defaults when the variant is resolved. */
export interface VariantRequest {
  width?: number;
  height?: number;
  fit?: VariantFit;
  format?: VariantFormat;
  quality?: number;
  /** Keep EXIF/ICC/XMP metadata in the output (default: stripped). */
  keepMetadata?: boolean;
}

/** One invalid query parameter, named for the 400 problem's `errors` list. */
export interface ParameterError {
  path: string;
  message: string;
}

export type ParsedVariantRequest = { ok: true; request: VariantRequest | null } | { ok: false; errors: ParameterError[] };

export const VARIANT_PARAMETERS = ['width', 'height', 'fit', 'format', 'quality', 'metadata'] as const;
const POSITIVE_INTEGER = /^[1-9][0-9]{0,8}$/;

/**
 * Reads the variant parameters of an image URL's query. No parameter at all: `request` is null (the
 * original bytes). Every invalid parameter is reported, each by name: an unknown name, a repeated one,
 * a number that is not a positive integer or is out of range, an unknown fit or format.
 */
export function parseVariantQuery(query: Record<string, unknown>, limits: { maxDimension: number }): ParsedVariantRequest {
  const errors: ParameterError[] = [];
  const request: VariantRequest = {};
  for (const [name, raw] of Object.entries(query)) {
    if (!(VARIANT_PARAMETERS as readonly string[]).includes(name)) {
      errors.push({ path: name, message: `unknown parameter; use ${VARIANT_PARAMETERS.join(', ')}` });
      continue;
    }
    if (typeof raw !== 'string') {
      errors.push({ path: name, message: 'must be given once' });
      continue;
    }
    const error = readParameter(name as (typeof VARIANT_PARAMETERS)[number], raw, request, limits.maxDimension);
    if (error) errors.push({ path: name, message: error });
  }
  if (request.fit !== undefined && request.width === undefined && request.height === undefined) {
    errors.push({ path: 'fit', message: 'needs width or height' });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, request: Object.keys(request).length === 0 ? null : request };
}

function readParameter(name: (typeof VARIANT_PARAMETERS)[number], raw: string, request: VariantRequest, maxDimension: number): string | null {
  switch (name) {
    case 'width':
    case 'height': {
      const value = integerIn(raw, 1, maxDimension);
      if (value === null) return `must be an integer from 1 to ${maxDimension}`;
      request[name] = value;
      return null;
    }
    case 'quality': {
      const value = integerIn(raw, 1, 100);
      if (value === null) return 'must be an integer from 1 to 100';
      request.quality = value;
      return null;
    }
    case 'fit':
      if (!isOneOf(raw, VARIANT_FITS)) return `must be one of ${VARIANT_FITS.join(', ')}`;
      request.fit = raw;
      return null;
    case 'format':
      if (!isOneOf(raw, VARIANT_FORMATS)) return `must be one of ${VARIANT_FORMATS.join(', ')}`;
      request.format = raw;
      return null;
    case 'metadata':
      if (raw !== 'keep' && raw !== 'strip') return 'must be keep or strip';
      if (raw === 'keep') request.keepMetadata = true;
      return null;
  }
}

function integerIn(raw: string, min: number, max: number): number | null {
  if (!POSITIVE_INTEGER.test(raw)) return null;
  const value = Number(raw);
  return value >= min && value <= max ? value : null;
}

function isOneOf<T extends string>(raw: string, values: readonly T[]): raw is T {
  return (values as readonly string[]).includes(raw);
}
