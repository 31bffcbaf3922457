// Run as a plain Node process by export-memory.unit.spec.ts (`node --require @swc-node/register …`):
// inside jest's module sandbox, streams' garbage is retained a while longer than in production, which
// would measure jest rather than the writer. Prints one JSON line: bytes written and live-memory readings.
import { Writable } from 'node:stream';
import { writeParquet } from '../parquet/write-parquet';
import type { ExportSample, ImageSample } from '../sample';
import { writableTarget } from '../target/writable-target';
import { writeWebDataset } from '../webdataset/write-webdataset';
import { writeZip } from '../zip/write-zip';
import { fixtureImages } from './fixture-samples';
import { liveBytes } from './heap-probe';

const [format, count, imageBytes] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const MiB = 1024 * 1024;
let written = 0;
const target = writableTarget(
  () =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.length;
        done();
      },
    }),
);
const readings: number[] = [];
// After a warm-up of 200 samples, live memory (after a full GC) every 100 samples.
const samples = fixtureImages({ count, sizeOf: () => imageBytes, onSample: (index) => index >= 200 && index % 100 === 0 && readings.push(liveBytes()) });

const writers: Record<string, (input: AsyncIterable<ImageSample & ExportSample>) => Promise<unknown>> = {
  webdataset: (input) => writeWebDataset(input, target, { maxShardBytes: 64 * MiB }),
  zip: (input) => writeZip(input, target),
  parquet: (input) => writeParquet(input, target, { maxRowGroupBytes: 8 * MiB }),
};

void writers[format](samples).then(() => process.stdout.write(`${JSON.stringify({ written, readings })}\n`));
