import type { GlobalPosition } from '@trawl/event-store';
import { CheckpointWriter } from '@trawl/platform';

/**
 * A checkpoint that does not pass an unfinished delivery. A final status can take an hour and more to
 * deliver (back-off); the checkpoint stays just before the event that started the oldest delivery still
 * running, so that a notifier restarted meanwhile sees that event again and resumes the delivery from
 * the attempts recorded in the task's stream. Events arrive in log order, so "the position before" is
 * the one advanced to last when the delivery was held; positions are never compared.
 */
export class HeldCheckpoint extends CheckpointWriter {
  /** Insertion-ordered: the first entry is the oldest hold. null: held before the first event. */
  private readonly holds = new Map<string, GlobalPosition | null>();
  private latest: GlobalPosition | null = null;
  private target: GlobalPosition | null = null;

  override async load(): Promise<GlobalPosition | null> {
    this.latest = await super.load();
    this.target = this.latest;
    return this.latest;
  }

  /** Called while handling an event, before it is advanced past: keeps the checkpoint before it. */
  hold(key: string): void {
    if (!this.holds.has(key)) this.holds.set(key, this.latest);
  }

  isHeld(key: string): boolean {
    return this.holds.has(key);
  }

  async release(key: string): Promise<void> {
    if (this.holds.delete(key)) await this.moveTo(this.allowed());
  }

  override async advance(position: GlobalPosition): Promise<void> {
    this.latest = position;
    await this.moveTo(this.allowed());
  }

  private allowed(): GlobalPosition | null {
    const oldest = this.holds.values().next();
    return oldest.done ? this.latest : oldest.value;
  }

  private async moveTo(position: GlobalPosition | null): Promise<void> {
    if (position === null || position === this.target) return;
    this.target = position;
    await super.advance(position);
  }
}
