import { InvalidExportError } from '../export-errors';
import type { ImageSample } from '../sample';
import type { ExportTarget, ExportedFile } from '../target/export-target';
import { writeJsonFile } from '../target/write-json-file';
import { sampleMembers } from './sample-members';
import { shardName, startsNewShard, tarMemberBytes, type ShardLimits } from './shard-plan';
import { ShardWriter } from './shard-writer';

export interface WebDatasetOptions extends Partial<ShardLimits> {
  /** Shards are named `{prefix}-000000.tar`, … (default `shard`). */
  prefix?: string;
  /** The shard index written last (default `manifest.json`). */
  manifestName?: string;
}

export interface WebDatasetShard extends ExportedFile {
  samples: number;
  firstKey: string | null;
  lastKey: string | null;
}

/** The shard index: what a loader needs to list, check and size the dataset. */
export interface WebDatasetManifest {
  format: 'webdataset';
  version: 1;
  samples: number;
  bytes: number;
  /** WebDataset's brace pattern for all shards, e.g. `shard-{000000..000003}.tar`. */
  pattern: string;
  shards: WebDatasetShard[];
}

export const DEFAULT_SHARD_LIMITS: ShardLimits = { maxShardBytes: 1024 * 1024 * 1024, maxShardSamples: 10_000 };

/**
 * Writes image samples as WebDataset tar shards (`{key}.txt`, `{key}.json`, `{key}.{ext}`), then the
 * shard index. Samples are read one at a time and each image streamed into its shard; memory holds
 * one sample's text and JSON, whatever the number or size of the samples.
 */
export async function writeWebDataset(
  samples: AsyncIterable<ImageSample>,
  target: ExportTarget,
  options: WebDatasetOptions = {},
): Promise<{ manifest: WebDatasetManifest; manifestFile: ExportedFile }> {
  const limits = { ...DEFAULT_SHARD_LIMITS, ...definedOnly(options) };
  if (!(limits.maxShardBytes > 0 && limits.maxShardSamples >= 1)) throw new InvalidExportError('shard limits must be positive');
  const prefix = options.prefix ?? 'shard';
  const shards: WebDatasetShard[] = [];
  let shard: ShardWriter | null = null;
  let previousKey: string | null = null;
  const closeShard = async (open: ShardWriter) => {
    const file = await open.close();
    shards.push({ ...file, samples: open.samples, firstKey: open.firstKey, lastKey: open.lastKey });
  };
  try {
    for await (const sample of samples) {
      const members = sampleMembers(sample);
      // WebDataset groups consecutive members by key: a repeated key would merge two samples into one.
      if (members.key === previousKey) throw new InvalidExportError(`duplicate sample key ${sample.key}`);
      previousKey = members.key;
      const size = tarMemberBytes(members.text.body.byteLength) + tarMemberBytes(members.json.body.byteLength) + (members.image ? tarMemberBytes(members.image.bytes) : 0);
      if (startsNewShard(shard, size, limits)) {
        if (shard) await closeShard(shard);
        shard = new ShardWriter(target, shardName(prefix, shards.length));
      }
      await shard!.add(sample, members);
    }
    if (shard) await closeShard(shard);
  } catch (error) {
    await shard?.abort(error as Error);
    throw error;
  }
  const last = Math.max(shards.length - 1, 0);
  const manifest: WebDatasetManifest = {
    format: 'webdataset',
    version: 1,
    samples: shards.reduce((sum, { samples: count }) => sum + count, 0),
    bytes: shards.reduce((sum, { bytes }) => sum + bytes, 0),
    pattern: shards.length <= 1 ? shardName(prefix, 0) : `${prefix}-{${pad(0)}..${pad(last)}}.tar`,
    shards,
  };
  const manifestFile = await writeJsonFile(target, options.manifestName ?? 'manifest.json', manifest);
  return { manifest, manifestFile };
}

function pad(index: number): string {
  return String(index).padStart(6, '0');
}

function definedOnly(options: WebDatasetOptions): Partial<ShardLimits> {
  const limits: Partial<ShardLimits> = {};
  if (options.maxShardBytes !== undefined) limits.maxShardBytes = options.maxShardBytes;
  if (options.maxShardSamples !== undefined) limits.maxShardSamples = options.maxShardSamples;
  return limits;
}
