import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ExportStreams } from '@trawl/domain';
import { EVENT_STORE, type EventStore } from '@trawl/event-store';
import { problems } from '../../http/problem';
import { EXPORTS_PATH, assertExportId, presentExport } from '../export-presenter';

@Controller(EXPORTS_PATH)
export class GetExportController {
  private readonly streams: ExportStreams;

  constructor(@Inject(EVENT_STORE) eventStore: EventStore) {
    this.streams = new ExportStreams(eventStore);
  }

  /** Status, progress and files, folded from the export's stream (a handful of events: no read model). */
  @Get(':id')
  async getExport(@Param('id') id: string) {
    const state = await this.streams.state(assertExportId(id));
    if (!state) throw problems.notFound(`no export with id ${id}`);
    return presentExport(state);
  }
}
