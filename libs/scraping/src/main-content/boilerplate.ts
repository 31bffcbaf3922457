import { isElement, TEXT_NODE } from './light-dom';
import type { LightDocument, LightElement, LightNode } from './light-dom';

/**
 * Boilerplate told by its markup, in the spirit of trafilatura's discard rules: elements whose
 * class or id names a comment section, share bar, related links, newsletter box, cookie banner,
 * navigation and the like, plus the HTML elements and ARIA roles that mean the same.
 */
// A class or id containing one of these anywhere is boilerplate ("commentlist", "wp-social-share").
const ANYWHERE =
  /related|teaser|breadcrumb|byline|newsletter|author-?bio|author-?box|about-author|cookie|consent|gdpr|subscribe|shariff|sharing|addtoany|addthis|outbrain|taboola|recommend|further-reading|more-stories|footer|advert|sponsor|popup|copyright|disclosure|disclaimer|factbox|community-notice|comment-respond|comments?-title|reply-title|comments?-add|comment-form|saboxplugin|abh_box/;
// These only as a whole word of a class or id ("nav-main", "post_tags"), since they also occur inside words.
const SEGMENT =
  /(?:^|[-_])(?:navigation|navbar|menu|tags|tagcloud|share|shares|pagination|pager|rating|search|skip|masthead|meta|postmeta|metadata|dateline|credits?|modal|overlay|trending|popular|most-read|mostread|breaking|ticker|respond)(?:$|[-_])/;
// Sidebar widgets of WordPress and the like (not Blogger's "widget Blog", which holds the posts).
const WIDGET = /textwidget|(?:^|\s)widget[-_](?:text|title|area|recent|categories|archive|meta|links|calendar)|widgettitle|sidebar-box/;
// An author's box ("author-info", "author_section", "authors"), but not a comment's author or a whole post.
const AUTHOR = /author/;
const NOT_AUTHOR_BOX = /^comment-author|bypostauthor/;
const MAX_AUTHOR_BOX_CHARS = 1000;
const TAGS = new Set(['nav', 'aside', 'footer', 'button', 'select', 'input', 'textarea', 'iframe', 'menu']);
const ROLES = /^(?:navigation|complementary|contentinfo|search|dialog|alertdialog|menu|menubar|banner)$/;
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;
// Elements that are the article itself are never dropped for their class names (WordPress puts
// "tag-…" and "category-…" classes on the <article> of every post).
const NEVER = new Set(['html', 'body', 'main', 'article', 'h1']);

export function isBoilerplate(element: LightElement): boolean {
  return boilerplateReason(element) !== null;
}

const INLINE = new Set(['a', 'abbr', 'b', 'cite', 'code', 'em', 'i', 'q', 's', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'mark', 'label', 'font']);
const PROSE_CHARS = 400;
const PROSE_LINK_DENSITY = 0.25;

function looksLikeProse(element: LightElement): boolean {
  const text = textLength(element);
  if (text < PROSE_CHARS) return false;
  let links = 0;
  for (const link of Array.from(element.querySelectorAll('a'))) links += textLength(link);
  return links / text < PROSE_LINK_DENSITY;
}

const BANNER = /cookie|consent|gdpr|cmplz|onetrust|didomi/;

/** Cookie and consent banners: safe to drop even before Readability looks at the page (it sometimes picks one). */
export function removeBanners(document: LightDocument): void {
  const body = document.body;
  if (body === null) return;
  for (const element of Array.from(body.querySelectorAll('[class], [id]'))) {
    if (NEVER.has(element.localName)) continue;
    const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`.toLowerCase();
    if (BANNER.test(names) && textLength(element) < 2000) element.remove();
  }
}

/** Why an element is boilerplate (for measuring each rule), or null. */
export function boilerplateReason(element: LightElement): string | null {
  const tag = element.localName;
  if (NEVER.has(tag)) return null;
  if (TAGS.has(tag)) return `<${tag}>`;
  if (element.hasAttribute('hidden')) return 'hidden';
  const style = element.getAttribute('style');
  if (style !== null && HIDDEN_STYLE.test(style)) return 'style';
  const role = element.getAttribute('role');
  if (role !== null && ROLES.test(role)) return `role=${role}`;
  const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`.toLowerCase();
  if (names.trim() === '') return null;
  const anywhere = ANYWHERE.exec(names);
  if (anywhere) return anywhere[0];
  const widget = WIDGET.exec(names);
  if (widget) return widget[0];
  // Class names on inline elements ("dateline", "meta") mark words inside a sentence.
  if (INLINE.has(tag)) return null;
  const tokens = names.split(/\s+/);
  if (tokens.some((token) => AUTHOR.test(token) && !NOT_AUTHOR_BOX.test(token)) && textLength(element) < MAX_AUTHOR_BOX_CHARS) return 'author';
  // The whole-word names are weaker hints ("tab-menu--product" holds a product description):
  // an element with a good deal of text and few links is content whatever its name.
  if (looksLikeProse(element)) return null;
  for (const token of tokens) {
    const segment = SEGMENT.exec(token);
    if (segment) return segment[0].replace(/^[-_]|[-_]$/g, '');
  }
  return null;
}

/**
 * Removes boilerplate elements from a subtree, except those that hold most of its text: a page
 * wrapped in `<form id="aspnetForm">` or `<div class="content-with-sidebar">` keeps its article.
 * One pass over the elements plus one text measure per candidate: linear in the page.
 */
export function removeBoilerplate(root: LightElement | LightDocument, protectShare = 0.5): number {
  const scope = 'documentElement' in root ? root.body : root;
  if (scope === null) return 0;
  const lengths = textLengths(scope);
  const total = lengths.get(scope) ?? 0;
  const candidates = Array.from(scope.querySelectorAll('*')).filter(isBoilerplate);
  const holdsArticle = articleAncestors(scope);
  let removed = 0;
  for (const element of candidates) {
    if (holdsArticle.has(element) || !isAttached(element, scope)) continue;
    if (total > 0 && (lengths.get(element) ?? 0) > total * protectShare) continue;
    element.remove();
    removed++;
  }
  return removed;
}

// Pages that wrap their article in an <aside> or a "sidebar" div exist; the elements around the
// page's <h1>, <article>, <main> or schema.org articleBody are never dropped. A few suffice (bounded work).
const ARTICLE_MARKERS = 'h1, article, main, [itemprop="articleBody"]';
const MAX_MARKERS = 20;

function articleAncestors(scope: LightElement): Set<LightElement> {
  const ancestors = new Set<LightElement>();
  const markers = Array.from(scope.querySelectorAll(ARTICLE_MARKERS)).slice(0, MAX_MARKERS);
  for (const marker of markers) {
    for (let node = marker.parentElement; node !== null && node !== scope && !ancestors.has(node); node = node.parentElement) ancestors.add(node);
  }
  return ancestors;
}

function isAttached(element: LightElement, scope: LightElement): boolean {
  for (let node: LightElement | null = element; node !== null; node = node.parentElement) if (node === scope) return true;
  return false;
}

export const textLength = (element: LightElement) => (element.textContent ?? '').replace(/\s+/g, '').length;

/** Non-space text length of every element of a subtree, in one post-order pass. */
export function textLengths(root: LightElement): Map<LightElement, number> {
  const lengths = new Map<LightElement, number>();
  const stack: Array<[LightNode, boolean]> = [[root, false]];
  while (stack.length > 0) {
    const [node, done] = stack.pop()!;
    if (!isElement(node)) continue;
    if (done) {
      let sum = 0;
      const children = node.childNodes;
      for (let i = 0; i < children.length; i++) {
        const child = children[i];
        if (child.nodeType === TEXT_NODE) sum += (child.textContent ?? '').replace(/\s+/g, '').length;
        else if (isElement(child)) sum += lengths.get(child) ?? 0;
      }
      lengths.set(node, sum);
      continue;
    }
    stack.push([node, true]);
    const children = node.childNodes;
    for (let i = 0; i < children.length; i++) if (isElement(children[i])) stack.push([children[i], false]);
  }
  return lengths;
}
