import type { DiscoveredImage as DomainDiscoveredImage } from '@trawl/domain';
import type { DiscoveredImage } from '@trawl/scraping';

/**
 * What ImagesDiscovered carries of a discovered image's image–text pair: where it was found (`via`)
 * and what the page says about it (`context`, only when it says something).
 */
export function pairOf(image: DiscoveredImage): Pick<DomainDiscoveredImage, 'via' | 'context'> {
  return { via: image.via, ...(image.context ? { context: image.context } : {}) };
}
