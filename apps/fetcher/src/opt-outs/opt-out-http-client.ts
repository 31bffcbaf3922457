import { describeOptOut, type HttpResponse, type OptOut, type OptOutTarget, type RobotsDirectiveOptions, type RobotsPolicy, type TdmrepPolicy } from '@trawl/scraping';
import { ContentRejectedError } from '../failures';
import type { HostLimitedHttpClient } from '../politeness/host-limited-http-client';
import { PoliteHttpClient, type PoliteRequest } from '../politeness/polite-http-client';
import { judgeResponseHeaders } from './response-opt-outs';

/** A response that passed the header check, with what it said about a page's images. */
export type JudgedResponse = HttpResponse & { imagesOptedOut?: OptOut; optOutsIgnored?: true };

/** The `opted-out` verdict: final, and its message names the signal. */
export function optedOutError(optOut: OptOut): ContentRejectedError {
  return new ContentRejectedError('opted-out', describeOptOut(optOut));
}

/**
 * The polite client with AI opt-outs honoured before any body byte is read: the origin's tdmrep.json
 * (cached per origin) is consulted, then the response's headers judged as soon as they arrive; an
 * opted-out resource throws `opted-out` and PoliteHttpClient releases (destroys) the body unread.
 * One instance per kind of resource (`page` or `image`), since what counts differs (noimageai).
 */
export class OptOutHttpClient extends PoliteHttpClient {
  constructor(
    limited: HostLimitedHttpClient,
    robots: RobotsPolicy | null,
    private readonly tdmrep: TdmrepPolicy,
    private readonly target: OptOutTarget,
    private readonly options: RobotsDirectiveOptions,
  ) {
    super(limited, robots);
  }

  override async fetch<T>(request: PoliteRequest, use: (response: HttpResponse) => Promise<T>): Promise<T> {
    // The task chose to collect regardless: nothing is judged, and the page's meta tags are not either.
    if (request.respectOptOuts === false) {
      return super.fetch(request, (response) => {
        const ignored: JudgedResponse = { ...response, optOutsIgnored: true };
        return use(ignored);
      });
    }
    const rule = await this.tdmrep.reservationFor(request.url);
    return super.fetch(request, async (response) => {
      const verdict = judgeResponseHeaders(response, this.target, rule, this.options);
      if (verdict.blocked) throw optedOutError(verdict.blocked);
      const judged: JudgedResponse = verdict.imagesBlocked ? { ...response, imagesOptedOut: verdict.imagesBlocked } : response;
      return use(judged);
    });
  }
}
