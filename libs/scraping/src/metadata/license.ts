import { resolveUrl } from '../markdown/absolute-urls';
import { isObject } from './json-ld';
import type { JsonLdNode } from './json-ld';
import { relTokens, type SourceLink } from './metadata-source';

const CREATIVE_COMMONS = /^https?:\/\/(?:www\.)?creativecommons\.org\/(?:licenses|publicdomain)\//i;

/**
 * The page's license: a `rel="license"` link (HTML's own way to say it), else a link to a Creative
 * Commons license deed, else JSON-LD `license`. URLs come back absolute.
 */
export function pageLicense(links: SourceLink[], baseUrl: string, node: JsonLdNode | null): string | null {
  for (const link of links) {
    if (relTokens(link.rel).includes('license')) return resolveUrl(link.href, baseUrl);
  }
  for (const link of links) {
    if (link.tag !== 'a') continue;
    const href = resolveUrl(link.href, baseUrl);
    if (href !== null && CREATIVE_COMMONS.test(href)) return href;
  }
  const license = node?.license;
  if (typeof license === 'string' && license.trim() !== '') return resolveUrl(license, baseUrl) ?? license.trim();
  if (isObject(license)) {
    const value = license.url ?? license['@id'] ?? license.name;
    if (typeof value === 'string') return value;
  }
  return null;
}
