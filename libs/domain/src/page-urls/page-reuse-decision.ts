import { decideByFreshness, type FreshnessDecision } from '../url-reuse/freshness';
import type { PageUrlFetched } from './page-url-events';

/** What a task that asks for reuse honours: only a download checked against as much can serve it. */
export interface ReusePolicy {
  respectRobots: boolean;
  /** The task's choice, and the server's (TRAWL_RESPECT_OPT_OUTS): false when either is off. */
  respectOptOuts: boolean;
}

export type PageReuseDecision = FreshnessDecision<PageUrlFetched>;

/**
 * Whether a page needs a download for a task that asked for reuse (pure): nothing known, or a copy
 * downloaded under a laxer policy (robots.txt or opt-outs not honoured, while this task honours
 * them), is downloaded; a copy younger than `maxAgeMs` is reused as it is; an older one is
 * revalidated with a conditional GET when the server gave a validator, else downloaded again.
 */
export function decidePageReuse(last: PageUrlFetched | null, policy: ReusePolicy, now: Date, maxAgeMs: number): PageReuseDecision {
  if (!last || !satisfies(last, policy)) return { kind: 'download' };
  return decideByFreshness(last, now, maxAgeMs);
}

function satisfies(last: PageUrlFetched, policy: ReusePolicy): boolean {
  return (!policy.respectRobots || last.honoured.robots) && (!policy.respectOptOuts || last.honoured.optOuts);
}

/**
 * The key of a page download shared by tasks at the same moment (single flight): the URL and the
 * policy, since a download refused by robots.txt or an opt-out for one task is no answer for a task
 * that does not honour them, and one made without them is no answer for a task that does.
 */
export function pageFlightKey(url: string, policy: ReusePolicy): string {
  return `${policy.respectRobots ? 'robots' : 'no-robots'} ${policy.respectOptOuts ? 'opt-outs' : 'no-opt-outs'} ${url}`;
}

/** What a reused page's images are when this task ignores opt-outs: the headers' noimageai does not apply. */
export function imagesOptedOutFor(last: PageUrlFetched, policy: ReusePolicy): PageUrlFetched['imagesOptedOut'] {
  return policy.respectOptOuts ? last.imagesOptedOut : null;
}
