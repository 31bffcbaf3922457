import { parseArgs } from 'node:util';

export type ExportFormatName = 'webdataset' | 'parquet' | 'zip';

export interface CollectArgs {
  file: string | null;
  collect: Array<'text' | 'images'>;
  format: ExportFormatName;
  out: string;
  server: string | null;
  resume: string | null;
  dataDir: string | null;
  allowPrivate: string[];
  imageSize?: number;
  shardSize?: number;
}

export const COLLECT_USAGE = 'usage: trawl collect <urls.txt> [--images] [--text] [--format webdataset|parquet|zip] --out <dir> [--server URL] [--resume <batchId>] [--data-dir DIR] [--allow-private CIDR] [--image-size PX] [--shard-size BYTES]';

/** Reads the command line of `trawl collect`; a mistake is thrown as a one-line message. */
export function parseCollectArgs(argv: string[]): CollectArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      images: { type: 'boolean' },
      text: { type: 'boolean' },
      format: { type: 'string' },
      out: { type: 'string' },
      server: { type: 'string' },
      resume: { type: 'string' },
      'data-dir': { type: 'string' },
      'allow-private': { type: 'string', multiple: true },
      'image-size': { type: 'string' },
      'shard-size': { type: 'string' },
    },
  });
  const format = values.format ?? 'webdataset';
  if (!['webdataset', 'parquet', 'zip'].includes(format)) throw new Error(`--format must be webdataset, parquet or zip, not ${format}`);
  if (!values.out) throw new Error('--out <dir> is required: the folder the export is written to');
  const file = positionals[0] ?? null;
  if (!file && !values.resume) throw new Error('give a file of URLs (one a line), or --resume <batchId>');
  const collect: CollectArgs['collect'] = [];
  if (values.text) collect.push('text');
  if (values.images || collect.length === 0) collect.push('images');
  return {
    file,
    collect,
    format: format as ExportFormatName,
    out: values.out,
    server: values.server ? values.server.replace(/\/+$/, '') : null,
    resume: values.resume ?? null,
    dataDir: values['data-dir'] ?? null,
    allowPrivate: (values['allow-private'] ?? []).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean),
    imageSize: positive(values['image-size'], '--image-size'),
    shardSize: positive(values['shard-size'], '--shard-size'),
  };
}

function positive(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new Error(`${name} must be a positive integer`);
  return number;
}
