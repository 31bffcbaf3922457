// The fetcher's SSRF guards, reused as they are so that webhooks obey the same network policy. Imported
// by path: @trawl/scraping's index does not export the lookup and peer guards, and loading that index
// would pull in sharp and the HTML parsers. Switch to '@trawl/scraping' once it exports them.
export { guardedLookup } from '../../../scraping/src/http/guarded-lookup';
export { refuseBlockedPeer } from '../../../scraping/src/http/refuse-blocked-peer';
export { BlockedAddressError } from '../../../scraping/src/http/fetch-errors';
export { parseRetryAfter } from '../../../scraping/src/http/http-status-error';
export { NetworkPolicy } from '../../../scraping/src/network-policy/network-policy';
