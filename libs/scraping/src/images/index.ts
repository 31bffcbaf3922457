export { discoverImages } from './discover-images';
export type { DiscoveredImage } from './discover-images';
export { decodeDataUri } from './data-uri';
export type { DecodedDataUri } from './data-uri';
export { imageIdFor, normaliseImageUrl } from './image-id';
export { probeImage } from './probe-image';
export type { ImageProbe } from './probe-image';
