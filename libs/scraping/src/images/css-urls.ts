import type * as CssTree from 'css-tree';
import type { CssNode, WalkContext } from 'css-tree';

/**
 * css-tree (~125 modules, ~0.15 s of a parsing thread's start) is loaded by the first CSS that may
 * reference an image: most pages of a text-only task never need it.
 */
let cssTree: typeof CssTree | undefined;
const loadCssTree = (): typeof CssTree => (cssTree ??= require('css-tree') as typeof CssTree);

/** At-rules whose URLs load style sheets or fonts, not images. */
const NON_IMAGE_AT_RULES = new Set(['import', 'namespace', 'font-face']);
/** Functions whose bare strings are image URLs: `image-set("a.png" 1x)`. */
const IMAGE_SET_FUNCTIONS = new Set(['image-set', '-webkit-image-set']);

const MAY_REFERENCE_IMAGES = /url\s*\(|image-set|\\/i;

/**
 * The image URLs a piece of CSS references, in source order, unresolved: every `url()` (and bare
 * string in `image-set()`) except those that import style sheets or load fonts. Parsing is as
 * forgiving as a browser's: a broken rule is skipped, the rest still counts.
 *
 * @param kind `stylesheet` for a `<style>` element, `declarations` for a `style` attribute.
 */
export function cssImageUrls(css: string, kind: 'stylesheet' | 'declarations'): string[] {
  const urls: string[] = [];
  // Parsing is most of the cost of image discovery on real pages (big inline style sheets), and CSS
  // without `url(` or `image-set(` references no image. A backslash may hide either behind an escape.
  if (!MAY_REFERENCE_IMAGES.test(css)) return urls;
  try {
    const { parse, walk } = loadCssTree();
    const ast = parse(css, {
      context: kind === 'stylesheet' ? 'stylesheet' : 'declarationList',
      parseAtrulePrelude: true,
      parseRulePrelude: false,
      parseValue: true,
      onParseError: () => undefined,
    });
    walk(ast, function (this: WalkContext, node: CssNode) {
      if (this.atrule !== null && NON_IMAGE_AT_RULES.has(this.atrule.name.toLowerCase())) return;
      if (node.type === 'Url') {
        urls.push(node.value);
      } else if (
        node.type === 'String' &&
        this.function !== null &&
        IMAGE_SET_FUNCTIONS.has(this.function.name.toLowerCase())
      ) {
        urls.push(node.value);
      }
    });
  } catch {
    // css-tree parses recursively: absurdly nested input can exhaust the stack. Such a block then
    // yields no URLs rather than failing the whole page.
  }
  return urls;
}
