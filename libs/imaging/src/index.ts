export * from './variants/variant-params';
export * from './variants/variant-spec';
export { renderVariant, TooManyPixelsError, UndecodableImageError, type RenderedVariant } from './variants/render-variant';
export { VariantStore, VariantTooLargeError, type VariantLimits, type RenderFunction } from './variants/variant-store';
export { DEFAULT_NEAR_DUPLICATE_DISTANCE, hammingDistance, isNearDuplicate, perceptualHash, perceptualHashOfGreyPixels } from './perceptual-hash/perceptual-hash';
export { judgeUpload, type UploadRefusal, type UploadVerdict } from './uploads/judge-upload';
export { NearDuplicateIndex } from './perceptual-hash/near-duplicate-index';
