import type { TrawlConfig } from '@trawl/config';
import type { WebhookOption } from '@trawl/domain';
import { validateWebhookUrl, WebhookUrlRefusedError, type ResolveHost } from '@trawl/webhooks';
// By path, as libs/webhooks does: @trawl/scraping's index would load sharp and the HTML parsers.
import type { NetworkPolicy } from '../../../../../libs/scraping/src/network-policy/network-policy';
import { ApiProblem } from '../../http/problem';

/**
 * The webhook a task (or batch) will carry: the one it names, else the server default
 * (TRAWL_WEBHOOK_URL, final statuses), else none. A named URL must pass the network policy now
 * (400 webhook-url-refused); any webhook needs TRAWL_WEBHOOK_SECRET to be signed (400
 * webhook-not-configured). Either way nothing is stored.
 */
export async function resolveWebhook(
  requested: WebhookOption | undefined,
  config: TrawlConfig,
  policy: NetworkPolicy,
  resolve?: ResolveHost,
): Promise<WebhookOption | undefined> {
  const { TRAWL_WEBHOOK_URL: fallback, TRAWL_WEBHOOK_SECRET: secret } = config.env;
  if (!requested && !fallback) return undefined;
  if (!secret) {
    const why = requested ? 'this request names a webhook' : 'TRAWL_WEBHOOK_URL is set';
    throw new ApiProblem(
      400,
      'webhook-not-configured',
      'Webhooks Not Configured',
      `${why}, but the server has no key to sign webhooks with; set TRAWL_WEBHOOK_SECRET (16 or more characters) on the API and notifier processes`,
      requested ? [{ path: 'webhook', message: 'TRAWL_WEBHOOK_SECRET is not set' }] : undefined,
    );
  }
  // The default is the operator's own choice: each delivery still checks its address when it connects.
  if (!requested) return { url: fallback!, events: ['final'] };
  try {
    return { ...requested, url: await validateWebhookUrl(requested.url, policy, resolve) };
  } catch (error) {
    if (!(error instanceof WebhookUrlRefusedError)) throw error;
    throw new ApiProblem(400, error.code, 'Webhook URL Refused', `webhook: ${error.message}`, [{ path: 'webhook', message: error.detail }]);
  }
}
