import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { TrawlConfig } from '@trawl/config';
import { TRAWL_CONFIG } from '@trawl/platform';
import { AccessControl } from './http/access/access-control';
import { TaskCreationRateLimit } from './http/access/task-creation-rate-limit.guard';
import { OpenApiController } from './http/openapi.controller';
import { TaskCountsSampler } from './observability/task-counts.sampler';
import { ProblemFilter } from './http/problem.filter';
import { GetImageController } from './images/get-image/get-image.controller';
import { imageProviders } from './images/image-providers';
import { UploadBodyReader } from './images/upload-image/upload-body.middleware';
import { UploadImageController } from './images/upload-image/upload-image.controller';
import { UploadImageHandler } from './images/upload-image/upload-image.handler';
import { CancelBatchController } from './batches/cancel-batch/cancel-batch.controller';
import { CancelBatchHandler } from './batches/cancel-batch/cancel-batch.handler';
import { GetBatchResultsController } from './batches/get-batch-results/get-batch-results.controller';
import { GetBatchController } from './batches/get-batch/get-batch.controller';
import { ListBatchTasksController } from './batches/list-batch-tasks/list-batch-tasks.controller';
import { ListBatchesController } from './batches/list-batches/list-batches.controller';
import { RequestBatchController } from './batches/request-batch/request-batch.controller';
import { RequestBatchHandler } from './batches/request-batch/request-batch.handler';
import { BatchProgressController } from './batches/batch-progress/batch-progress.controller';
import { GetExportFileController } from './exports/get-export-file/get-export-file.controller';
import { GetExportController } from './exports/get-export/get-export.controller';
import { RequestExportController } from './exports/request-export/request-export.controller';
import { CancelTaskController } from './tasks/cancel-task/cancel-task.controller';
import { ExtractTextController } from './tasks/extract-text/extract-text.controller';
import { textReExtractorProvider } from './tasks/extract-text/text-re-extractor.provider';
import { CancelTaskHandler } from './tasks/cancel-task/cancel-task.handler';
import { GetTaskEventsController } from './tasks/get-task-events/get-task-events.controller';
import { GetTaskImageController } from './tasks/get-task-image/get-task-image.controller';
import { GetTaskTextController } from './tasks/get-task-text/get-task-text.controller';
import { GetTaskController } from './tasks/get-task/get-task.controller';
import { GetTaskHandler } from './tasks/get-task/get-task.handler';
import { ListTaskImagesController } from './tasks/list-task-images/list-task-images.controller';
import { ListTasksController } from './tasks/list-tasks/list-tasks.controller';
import { TaskProgressController } from './tasks/task-progress/task-progress.controller';
import { SSE_LIMITS, sseLimitsFrom } from './http/sse/sse-limits';
import { SseStreams } from './http/sse/sse-streams';
import { RequestTaskController } from './tasks/request-task/request-task.controller';
import { RequestTaskHandler } from './tasks/request-task/request-task.handler';

/** The API role: commands append events; queries read the read models and the blob store. */
@Module({
  imports: [CqrsModule.forRoot()],
  controllers: [
    OpenApiController,
    RequestTaskController,
    ListTasksController,
    GetTaskController,
    CancelTaskController,
    GetTaskTextController,
    ExtractTextController,
    ListTaskImagesController,
    GetTaskImageController,
    GetTaskEventsController,
    TaskProgressController,
    UploadImageController,
    GetImageController,
    // Batches: many URLs in one request, one task each.
    RequestBatchController, ListBatchesController, GetBatchController, ListBatchTasksController, GetBatchResultsController, CancelBatchController, BatchProgressController,
    // Exports: a task's or a batch's collection as WebDataset, Parquet or zip (built by the exporter role).
    RequestExportController, GetExportController, GetExportFileController,
  ],
  providers: [
    RequestTaskHandler, CancelTaskHandler, GetTaskHandler, RequestBatchHandler, CancelBatchHandler, { provide: APP_FILTER, useClass: ProblemFilter },
    // Access: API keys as Express middleware (installed by configureHttp), a rate limit on task creation.
    AccessControl, TaskCreationRateLimit,
    // trawl_tasks{status} for /metrics, counted from the read models on scrape.
    TaskCountsSampler,
    // Images: variants made once (one VariantStore per process), uploads (body read by Express middleware).
    ...imageProviders, UploadImageHandler, UploadBodyReader,
    // Live progress (Server-Sent Events): one registry per process bounds the open streams.
    { provide: SSE_LIMITS, useFactory: (config: TrawlConfig) => sseLimitsFrom(config), inject: [TRAWL_CONFIG] }, SseStreams,
    // Re-extraction of a task's text from its stored page (a worker thread, started on first use).
    textReExtractorProvider,
  ],
})
export class ApiModule {}
