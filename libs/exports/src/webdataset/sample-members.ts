import { captionOf, type ImageSample } from '../sample';
import { normalizedExtension, safeSampleKey } from '../sample-key';

/** The `{key}.json` document: the sample's metadata plus what the export knows of the image. */
export function sampleJson(sample: ImageSample, key: string): Record<string, unknown> {
  const { image } = sample;
  return {
    ...sample.metadata,
    key,
    originalKey: sample.key,
    caption: sample.metadata.caption ?? null,
    alt: sample.metadata.alt ?? null,
    image: image ? { file: `${key}.${normalizedExtension(image.ext)}`, sha256: image.sha256, bytes: image.bytes } : null,
  };
}

/** The members one sample becomes, in the order they are written (the image last: it is streamed). */
export interface SampleMembers {
  key: string;
  text: { name: string; body: Buffer };
  json: { name: string; body: Buffer };
  image: { name: string; bytes: number } | null;
}

export function sampleMembers(sample: ImageSample): SampleMembers {
  const key = safeSampleKey(sample.key);
  return {
    key,
    text: { name: `${key}.txt`, body: Buffer.from(captionOf(sample), 'utf8') },
    json: { name: `${key}.json`, body: Buffer.from(JSON.stringify(sampleJson(sample, key)), 'utf8') },
    image: sample.image ? { name: `${key}.${normalizedExtension(sample.image.ext)}`, bytes: sample.image.bytes } : null,
  };
}
