import type { LoadedTask } from '@trawl/tasks';

/**
 * How long a page job works before it records TaskStarted on its own. A page that is fetched and
 * parsed sooner (nearly all: tens of milliseconds on a fast site) records it in the same append as its
 * result, one append and one event round the subscriptions fewer per page; one that takes longer shows
 * `running` from then on, as a client following a slow download expects.
 */
export const START_VISIBLE_AFTER_MS = 500;

/**
 * The page job's TaskStarted, held back until the job has worked for a while (or must show that it
 * started: a failure that will be retried). `append` records it; its failure is not the job's (the
 * result's append records TaskStarted too when it is still missing), so it resolves to null.
 */
export class StartAnnouncement {
  private timer: NodeJS.Timeout | null;
  private announced: Promise<LoadedTask | null> | null = null;

  constructor(
    private readonly append: () => Promise<{ loaded: LoadedTask }>,
    afterMs = START_VISIBLE_AFTER_MS,
  ) {
    this.timer = setTimeout(() => void this.now(), afterMs);
    this.timer.unref();
  }

  /** Records TaskStarted now, unless already done or under way; resolves to the task after it (null: not recorded). */
  now(): Promise<LoadedTask | null> {
    this.stopTimer();
    this.announced ??= this.append().then(
      ({ loaded }) => loaded,
      () => null,
    );
    return this.announced;
  }

  /**
   * No announcement from now on; resolves to the task after the one already made (null when none was
   * made, or it failed): the result's append then starts from there.
   */
  settle(): Promise<LoadedTask | null> {
    this.stopTimer();
    return this.announced ?? Promise.resolve(null);
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
