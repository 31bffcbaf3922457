import { setTimeout as delay } from 'node:timers/promises';
import type { CliCommand } from '../cli-command';
import { COLLECT_USAGE, parseCollectArgs, type CollectArgs } from './collect-args';
import { startEmbeddedServer, type EmbeddedServer } from './embedded-server';
import { followBatch } from './follow-batch';
import { progressView } from './progress-view';
import { TrawlApi, type ExportView } from './trawl-api';
import { writeExportFiles } from './write-export-files';

/**
 * `trawl collect urls.txt --out ./dataset`: one batch, followed with a progress bar to its end, then
 * exported and downloaded into --out. Against --server, or trawl embedded in this process. Ctrl-C
 * leaves the batch running (on the server, or in the data dir) and prints how to pick it up again.
 */
export const collectCommand: CliCommand = {
  summary: 'collect a file of URLs into a dataset folder: collect urls.txt --format webdataset --out DIR [--server URL]',
  async run(_infrastructure, args, print) {
    let options: CollectArgs;
    try {
      options = parseCollectArgs(args);
    } catch (error) {
      print(`${(error as Error).message}\n${COLLECT_USAGE}`);
      return 2;
    }
    let embedded: EmbeddedServer | null = null;
    const interrupted = new AbortController();
    const onSigint = () => interrupted.abort();
    process.on('SIGINT', onSigint);
    try {
      if (!options.server) {
        embedded = await startEmbeddedServer({ dataDir: options.dataDir, allowPrivate: options.allowPrivate });
        print(`trawl running in this process (data in ${embedded.dataDir})`);
      }
      const api = new TrawlApi(options.server ?? embedded!.baseUrl);
      const batchId = options.resume ?? (await submit(api, options, print));
      const view = progressView(process.stdout);
      const batch = await followBatch(api, batchId, view, interrupted.signal);
      view.stop();
      if (!batch) {
        print(`\ninterrupted: batch ${batchId} ${embedded ? 'is kept in its data dir' : 'keeps running on the server'}; resume with:\n  ${resumeCommand(options, batchId, embedded)}`);
        return 130;
      }
      print(`batch ${batchId} ${batch.status}: ${batch.counts.tasks.completed} pages, ${batch.counts.images.stored} images, ${batch.counts.tasks.failed} failed pages`);
      const ready = await awaitExport(api, await api.requestExport(batchId, { format: options.format, imageSize: options.imageSize, shardSize: options.shardSize }), interrupted.signal);
      if (!ready) {
        print(`interrupted while exporting; resume with:\n  ${resumeCommand(options, batchId, embedded)}`);
        return 130;
      }
      const bytes = await writeExportFiles(api, ready, options.out);
      print(`wrote ${ready.files.length} file(s), ${bytes} bytes, ${ready.progress.samples} samples to ${options.out} (export ${ready.id})`);
      return 0;
    } finally {
      process.off('SIGINT', onSigint);
      await embedded?.close();
    }
  },
};

async function submit(api: TrawlApi, options: CollectArgs, print: (line: string) => void): Promise<string> {
  const batch = await api.submitBatch(options.file!, options.collect);
  print(`batch ${batch.id}: ${batch.accepted} URLs${batch.rejectedCount ? `, ${batch.rejectedCount} lines refused` : ''}`);
  return batch.id;
}

async function awaitExport(api: TrawlApi, requested: ExportView, signal: AbortSignal): Promise<ExportView | null> {
  let view = requested;
  while (view.status === 'queued' || view.status === 'building') {
    try {
      await delay(500, undefined, { signal });
    } catch {
      return null;
    }
    view = await api.getExport(view.id);
  }
  if (view.status === 'failed') throw new Error(`the export failed: ${view.error?.code} ${view.error?.message}`);
  return view;
}

function resumeCommand(options: CollectArgs, batchId: string, embedded: EmbeddedServer | null): string {
  const where = options.server ? ` --server ${options.server}` : ` --data-dir ${embedded?.dataDir}${options.allowPrivate.map((cidr) => ` --allow-private ${cidr}`).join('')}`;
  return `npm run trawl -- collect --resume ${batchId} --format ${options.format} --out ${options.out}${where}`;
}
