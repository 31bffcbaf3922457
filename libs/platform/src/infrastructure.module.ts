import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { BLOB_STORE } from '@trawl/blob-store';
import type { TrawlConfig } from '@trawl/config';
import { EVENT_STORE } from '@trawl/event-store';
import { JOB_BUS } from '@trawl/job-bus';
import { READ_MODEL_STORE } from '@trawl/read-models';
import type { Infrastructure } from './infrastructure';

export const INFRASTRUCTURE = Symbol('INFRASTRUCTURE');
export const TRAWL_CONFIG = Symbol('TRAWL_CONFIG');

class InfrastructureCloser implements OnApplicationShutdown {
  constructor(@Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure) {}

  async onApplicationShutdown(): Promise<void> {
    await this.infrastructure.close();
  }
}

/** Binds the port tokens to the adapters built for this process; closes them on shutdown. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: TrawlConfig, infrastructure: Infrastructure): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: TRAWL_CONFIG, useValue: config },
        { provide: INFRASTRUCTURE, useValue: infrastructure },
        { provide: EVENT_STORE, useValue: infrastructure.eventStore },
        { provide: JOB_BUS, useValue: infrastructure.jobBus },
        { provide: READ_MODEL_STORE, useValue: infrastructure.readModels },
        { provide: BLOB_STORE, useValue: infrastructure.blobStore },
        InfrastructureCloser,
      ],
      exports: [TRAWL_CONFIG, INFRASTRUCTURE, EVENT_STORE, JOB_BUS, READ_MODEL_STORE, BLOB_STORE],
    };
  }
}
