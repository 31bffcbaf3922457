import { z } from 'zod';

/** `reuse` of a task or batch (ADR 0012): record the page from an earlier task's download of the same URL. */
export const reuseField = z
  .boolean()
  .default(false)
  .describe(
    "Record the page from an earlier task's download of the same URL instead of fetching it again (default false): within TRAWL_REUSE_MAX_AGE as it is, after it when a conditional GET answers 304; a page being downloaded by another task at that moment is downloaded once. The text and images are cut from it with this task's options; the task says reusedFrom",
  );
