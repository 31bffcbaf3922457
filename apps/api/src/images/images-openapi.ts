/**
 * The image endpoints' part of the OpenAPI document: the variant parameters (shared by the task image
 * and the upload endpoints), uploads, and their schemas. openapi-document.ts merges these in.
 */
type Responder = (description: string) => object;

export const variantParameters = [
  { name: 'width', in: 'query', required: false, description: 'Variant: scale to this width (never larger than the source); 1 to TRAWL_MAX_VARIANT_DIMENSION (default 4096)', schema: { type: 'integer', minimum: 1 } },
  { name: 'height', in: 'query', required: false, description: 'Variant: scale to this height; 1 to TRAWL_MAX_VARIANT_DIMENSION', schema: { type: 'integer', minimum: 1 } },
  { name: 'fit', in: 'query', required: false, description: 'How the variant fits width x height: cover (crop to fill), contain (letterbox), inside (default: within the box, aspect kept). Needs width or height', schema: { enum: ['cover', 'contain', 'inside'] } },
  { name: 'format', in: 'query', required: false, description: "Variant format; default the source's own when it is one of these, else png", schema: { enum: ['jpeg', 'png', 'webp', 'avif'] } },
  { name: 'quality', in: 'query', required: false, description: 'Encoder quality 1-100 (default jpeg/webp 80, avif 50; ignored for png)', schema: { type: 'integer', minimum: 1, maximum: 100 } },
  { name: 'metadata', in: 'query', required: false, description: 'strip (default): no EXIF/ICC/XMP in the variant; keep: keep them. EXIF orientation is applied either way', schema: { enum: ['strip', 'keep'] } },
];

const binary = { type: 'string', format: 'binary' };

/** The answers of an image endpoint that serves bytes, a variant, or JSON with base64 data. */
export function imageResponses(problem: Responder, notFound: string) {
  return {
    200: {
      description: 'The image or the variant asked for (ETag = its SHA-256, Cache-Control immutable, Vary: Accept); with Accept: application/json, the same as JSON with base64 data',
      content: { 'image/*': { schema: binary }, 'application/json': { schema: { $ref: '#/components/schemas/ImageData' } } },
    },
    206: { description: 'A byte range of the image' },
    304: { description: 'Not modified (If-None-Match)' },
    400: problem('An invalid variant parameter (each named in errors)'),
    404: problem(notFound),
    413: problem('variant-too-large (the variant would exceed TRAWL_MAX_IMAGE_BYTES) or image-too-large-for-json (past TRAWL_MAX_IMAGE_JSON_BYTES)'),
    416: problem('Range not satisfiable'),
    422: problem('image-too-many-pixels or image-undecodable: no variant can be made of this image'),
  };
}

export function imagePaths(problem: Responder) {
  const uploadIdParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{32}$' } };
  const uploaded = (description: string) => ({
    description,
    headers: { Location: { schema: { type: 'string' } } },
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ImageUpload' } } },
  });
  return {
    '/api/v1/images': {
      post: {
        summary: 'Upload an image: stored once per distinct bytes, then served with variants like any image',
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { $ref: '#/components/schemas/ImageUploadRequest' } },
            'image/*': { schema: binary },
            'multipart/form-data': { schema: { type: 'object', properties: { image: binary }, description: 'The first file part is the image (any field name)' } },
          },
        },
        responses: {
          201: uploaded('Stored; Location names it'),
          200: uploaded('These bytes were uploaded before: the same upload, nothing new stored'),
          400: problem('empty-image, invalid-base64, invalid-request, malformed-json, malformed-multipart, missing-file, request-aborted'),
          413: problem('image-too-large: past TRAWL_MAX_UPLOAD_BYTES (decoded)'),
          415: problem('not-an-image (the bytes are no image format trawl reads), unsupported-media-type, unsupported-content-encoding'),
          422: problem('image-truncated, image-corrupt, image-too-many-pixels (past TRAWL_MAX_IMAGE_PIXELS)'),
        },
      },
    },
    '/api/v1/images/{id}': {
      get: {
        summary: "An uploaded image's bytes, a variant of them, or either as JSON with base64 data",
        parameters: [uploadIdParam, ...variantParameters],
        responses: imageResponses(problem, 'Unknown upload'),
      },
    },
    '/api/v1/images/{id}/metadata': {
      get: {
        summary: 'What is known about an uploaded image, without its bytes',
        parameters: [uploadIdParam],
        responses: { 200: { description: 'The upload', content: { 'application/json': { schema: { $ref: '#/components/schemas/ImageUpload' } } } }, 404: problem('Unknown upload') },
      },
    },
  };
}

export const imageSchemas = {
  ImageUploadRequest: {
    type: 'object',
    required: ['imageData'],
    additionalProperties: false,
    properties: { imageData: { type: 'string', description: 'The image as base64 (standard or URL-safe), or as a base64 data URI (data:image/png;base64,…)' } },
  },
  ImageUpload: {
    type: 'object',
    properties: {
      id: { type: 'string', description: 'The upload id (the token), derived from the bytes: the same bytes always get the same id' },
      sha256: { type: 'string' }, contentType: { type: 'string', description: 'Read from the bytes, never from what the client claimed' },
      format: { type: 'string' }, width: { type: 'integer' }, height: { type: 'integer' }, bytes: { type: 'integer' },
      perceptualHash: { type: ['string', 'null'], description: '64-bit pHash (16 hex digits) for near-duplicate search; null for BMP and ICO' },
      uploadedAt: { type: 'string', format: 'date-time' }, url: { type: 'string' },
    },
  },
  ImageData: {
    type: 'object',
    description: 'An image (or variant) as JSON; `data` decodes to exactly the bytes the binary form serves',
    properties: {
      id: { type: 'string' }, sha256: { type: 'string' }, contentType: { type: 'string' },
      width: { type: ['integer', 'null'] }, height: { type: ['integer', 'null'] }, bytes: { type: 'integer' },
      data: { type: 'string', contentEncoding: 'base64' },
    },
  },
};
