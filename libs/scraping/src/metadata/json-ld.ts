export type JsonLdNode = Record<string, unknown>;

/**
 * Every object of the page's JSON-LD blocks, `@graph` members and arrays flattened, in document
 * order. A block that does not parse is skipped, as search engines do.
 */
export function jsonLdNodes(blocks: string[]): JsonLdNode[] {
  const nodes: JsonLdNode[] = [];
  for (const block of blocks) {
    let data: unknown;
    try {
      data = JSON.parse(block);
    } catch {
      continue;
    }
    const queue = [data];
    // Bounded: a hostile page cannot make this walk forever.
    while (queue.length > 0 && nodes.length < 500) {
      const item = queue.shift();
      if (Array.isArray(item)) queue.push(...item);
      else if (isObject(item)) {
        nodes.push(item);
        if (Array.isArray(item['@graph'])) queue.push(...item['@graph']);
      }
    }
  }
  return nodes;
}

const ARTICLE_TYPES = /Article|BlogPosting|NewsArticle|Report|WebPage|CreativeWork|Recipe|Review|Posting/;

/** The node that describes the page's content: an Article-like type first, else the first node. */
export function mainJsonLdNode(nodes: JsonLdNode[]): JsonLdNode | null {
  return nodes.find((node) => typesOf(node).some((type) => ARTICLE_TYPES.test(type))) ?? nodes[0] ?? null;
}

const typesOf = (node: JsonLdNode) => [node['@type']].flat().filter((type): type is string => typeof type === 'string');

export const isObject = (value: unknown): value is JsonLdNode => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A name out of a JSON-LD value: a string, `{name}`, or a list of those joined by commas. */
export function jsonLdName(value: unknown): string | null {
  const names = [value]
    .flat()
    .map((item) => (typeof item === 'string' ? item : isObject(item) && typeof item.name === 'string' ? item.name : null))
    .filter((name): name is string => name !== null && name.trim() !== '')
    .map((name) => name.trim());
  return names.length > 0 ? names.join(', ') : null;
}
