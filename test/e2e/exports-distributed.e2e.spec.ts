import { freePort } from '../support/infra/free-port';
import { startTrawlProcess } from '../support/trawl-process';
import { startDistributedTrawl, type TrawlDeployment } from '../support/trawl-deployment';
import { describeExports } from './exports/export-e2e-suite';

/** The distributed deployment plus the exporter as its own process (dist/apps/exporter/src/main.js). */
async function withExporter(): Promise<TrawlDeployment> {
  const trawl = await startDistributedTrawl();
  try {
    const exporter = await startTrawlProcess({ name: 'exporter', entry: 'exporter' as never, env: trawl.env, port: await freePort(), logDir: `${trawl.env.TRAWL_DATA_DIR}/logs` });
    trawl.processes.set('exporter', exporter);
  } catch (error) {
    await trawl.stop();
    throw error;
  }
  return trawl;
}

describeExports('distributed', withExporter);
