import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { BLOB_STORE, type BlobStore } from '@trawl/blob-store';
import type { TrawlConfig } from '@trawl/config';
import { exportIdFromStreamName, type ExportState } from '@trawl/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@trawl/event-store';
import { VariantStore } from '@trawl/imaging';
import { JOB_BUS, type JobBus } from '@trawl/job-bus';
import { CheckpointWriter, ResilientSubscription, SubscriptionRegistry, TRAWL_CONFIG, topicNames } from '@trawl/platform';
import { READ_MODEL_STORE, type ReadModelStore } from '@trawl/read-models';
import { buildExport } from './build-export';
import { exportDatasetEvent } from './export-dataset-message';
import { ExportStreams } from '@trawl/domain';
import { exportSamples } from './export-samples';
import { runExport, type ExportRunPorts } from './run-export';
import { countSourceSamples } from './source-tasks';
import { imageResolver } from './variant-resolver';

export const EXPORTER_SUBSCRIPTION = 'exporter';

/**
 * The exporter role: follows the log and builds each requested export, one at a time, inside the
 * subscription's handler, so the checkpoint never passes an ExportRequested whose build did not end:
 * a restart meets it again and builds it from scratch (the writers are deterministic, so the files
 * are the same blobs). A created export of a batch is announced on the datasets topic.
 */
@Injectable()
export class ExporterService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ExporterService.name);
  private readonly subscription: ResilientSubscription;
  private readonly journal: ExportStreams;
  private readonly ports: ExportRunPorts;
  private readonly apiBaseUrl: string;
  private readonly datasetsTopic: string;

  constructor(
    @Inject(EVENT_STORE) eventStore: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(BLOB_STORE) blobs: BlobStore,
    @Inject(JOB_BUS) private readonly jobBus: JobBus,
    @Inject(TRAWL_CONFIG) config: TrawlConfig,
    subscriptions: SubscriptionRegistry,
  ) {
    const { env } = config;
    this.apiBaseUrl = (env.TRAWL_PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
    this.datasetsTopic = topicNames(env.TRAWL_TOPIC_PREFIX).datasets;
    this.journal = new ExportStreams(eventStore);
    const variants = new VariantStore(blobs, { maxInputPixels: env.TRAWL_MAX_IMAGE_PIXELS, maxOutputBytes: env.TRAWL_MAX_IMAGE_BYTES });
    this.ports = {
      journal: this.journal,
      countSamples: (state) => countSourceSamples(readModels, state.source, state.format !== 'webdataset'),
      samples: (state) => exportSamples({ eventStore, readModels, blobs, resolveImage: imageResolver(variants, state.options.imageSize) }, state.source, state.format !== 'webdataset'),
      build: (state, samples, onSample) => buildExport(blobs, state.format, state.options, samples, onSample),
      now: () => new Date(),
    };
    this.subscription = new ResilientSubscription({
      eventStore,
      checkpoints: new CheckpointWriter(readModels, EXPORTER_SUBSCRIPTION),
      onEvent: (event) => this.handle(event),
      onFailure: (error, retryInMs) => this.logger.warn(`exporter subscription failed (${String(error)}); resubscribing in ${retryInMs} ms`),
    });
    subscriptions.add(EXPORTER_SUBSCRIPTION, this.subscription);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.subscription.start();
    this.logger.log('exporter subscribed');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription.stop();
  }

  private async handle(recorded: RecordedEvent): Promise<void> {
    const exportId = exportIdFromStreamName(recorded.streamName);
    if (!exportId || (recorded.type !== 'ExportRequested' && recorded.type !== 'ExportCreated')) return;
    const state = await this.journal.state(exportId);
    if (!state) return;
    if (recorded.type === 'ExportRequested' && (state.status === 'queued' || state.status === 'building')) {
      const started = Date.now();
      await runExport(this.ports, state);
      this.logger.log(`export ${exportId} (${state.format} of ${state.source.kind} ${state.source.id}) ended in ${Date.now() - started} ms`);
    } else if (recorded.type === 'ExportCreated' && state.status === 'ready' && state.source.kind === 'batch') {
      await this.announce(state, recorded);
    }
  }

  /** Replays publish again under the same message id (the event's), as the relay's dataset messages do. */
  private async announce(state: ExportState, recorded: RecordedEvent): Promise<void> {
    const batch = await this.readModels.getBatch(state.source.id);
    const message = exportDatasetEvent(state, batch?.counts ?? null, this.apiBaseUrl, recorded.recordedAt.toISOString());
    await this.jobBus.publish(this.datasetsTopic, [{ id: recorded.id, key: state.source.id, payload: message }]);
  }
}
