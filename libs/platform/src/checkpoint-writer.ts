import type { GlobalPosition } from '@trawl/event-store';
import type { ReadModelStore } from '@trawl/read-models';

const SAVE_EVERY_EVENTS = 100;
const SAVE_EVERY_MS = 250;

/**
 * Saves a subscription's checkpoint at most every N events or T ms instead of after each event:
 * a crash replays a few events, which every handler tolerates (idempotent), and the hot path
 * skips a database write per event.
 */
export class CheckpointWriter {
  private pending: GlobalPosition | null = null;
  private sinceSave = 0;
  private lastSave = Date.now();

  constructor(
    private readonly store: ReadModelStore,
    private readonly name: string,
  ) {}

  load(): Promise<GlobalPosition | null> {
    return this.store.getCheckpoint(this.name);
  }

  async advance(position: GlobalPosition): Promise<void> {
    this.pending = position;
    this.sinceSave += 1;
    if (this.sinceSave >= SAVE_EVERY_EVENTS || Date.now() - this.lastSave >= SAVE_EVERY_MS) await this.flush();
  }

  /** Forgets an unsaved position (before resubscribing from the saved one). */
  discardPending(): void {
    this.pending = null;
    this.sinceSave = 0;
  }

  async flush(): Promise<void> {
    if (this.pending === null) return;
    const position = this.pending;
    this.pending = null;
    this.sinceSave = 0;
    this.lastSave = Date.now();
    await this.store.saveCheckpoint(this.name, position);
  }
}
