import type { BlobStore } from '@trawl/blob-store';
import type { ExportFileRef, ExportFormat, ExportOptions } from '@trawl/domain';
import { blobStoreTarget, writeParquet, writeWebDataset, writeZip, type ExportSample, type ExportedFile, type ImageSample } from '@trawl/exports';

export interface BuiltExport {
  files: ExportFileRef[];
  samples: number;
}

/**
 * Writes the samples in the export's format into the blob store (content-addressed: the same samples
 * give the same files, so a rebuild after a crash stores nothing new). `onSample` counts as they pass.
 */
export async function buildExport(
  blobs: Pick<BlobStore, 'write'>,
  format: ExportFormat,
  options: ExportOptions,
  samples: AsyncIterable<ExportSample>,
  onSample: (count: number) => Promise<void>,
): Promise<BuiltExport> {
  const target = blobStoreTarget(blobs);
  let count = 0;
  async function* counted<Sample extends ExportSample>(source: AsyncIterable<Sample>): AsyncGenerator<Sample> {
    for await (const sample of source) {
      yield sample;
      count += 1;
      await onSample(count);
    }
  }
  const ref = (file: ExportedFile): ExportFileRef => ({ name: file.name, sha256: file.sha256, bytes: file.bytes, contentType: file.contentType });
  switch (format) {
    case 'webdataset': {
      const { manifest, manifestFile } = await writeWebDataset(counted(samples as AsyncIterable<ImageSample>), target, { maxShardBytes: options.shardSize });
      return { files: [...manifest.shards.map(ref), ref(manifestFile)], samples: manifest.samples };
    }
    case 'parquet': {
      const { file, rows } = await writeParquet(counted(samples), target);
      return { files: [ref(file)], samples: rows.images + rows.texts };
    }
    case 'zip': {
      const { file, files } = await writeZip(counted(samples), target);
      return { files: [ref(file)], samples: files.images + files.texts };
    }
  }
}
