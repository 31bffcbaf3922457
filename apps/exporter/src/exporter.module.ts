import { Module } from '@nestjs/common';
import { ExporterService } from './exporter.service';

/** The exporter role: requested exports -> WebDataset, Parquet or zip files in the blob store. */
@Module({ providers: [ExporterService] })
export class ExporterModule {}
