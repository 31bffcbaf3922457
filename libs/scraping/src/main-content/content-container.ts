import type { LightElement } from './light-dom';

/**
 * The element that a page's own markup names as its article body, found as trafilatura finds it
 * (its BODY_XPATH, xpaths.py of 2.2.0): a list of rules from the most to the least specific, each
 * taking the first element of the page that it matches. The CMS-given names ("entry-content",
 * itemprop=articleBody, "post-body") are more reliable than any score when Readability's pick
 * lands in a comment, an author's box or a widget beside them.
 */
const BOXES = new Set(['article', 'div', 'main', 'section']);

interface Names {
  tag: string;
  className: string;
  id: string;
  role: string;
  itemprop: string;
}

const any = (value: string, parts: string[]) => parts.some((part) => value.includes(part));

// Each rule as a predicate (one pass over the elements is far cheaper than linkedom matching long selectors).
const RULES: Array<(n: Names) => boolean> = [
  (n) =>
    BOXES.has(n.tag) &&
    (any(n.className, ['post-text', 'post_text', 'post-body', 'post-entry', 'postentry', 'post-content', 'post_content', 'postcontent', 'postContent', 'article-text', 'articletext', 'articleText', 'entry-content', 'article-content', 'article__content', 'article-body', 'article__body', 'ArticleContent', 'page-content', 'text-content', 'body-text', 'article__container', 'art-content']) ||
      any(n.id, ['entry-content', 'article-content', 'article__content', 'article-body', 'article__body', 'body-text', 'art-content']) ||
      /articlebody/i.test(n.className) || /articlebody/i.test(n.id) || n.itemprop === 'articleBody' || n.id === 'articleContent'),
  (n) => n.tag === 'article',
  (n) =>
    BOXES.has(n.tag) &&
    (any(n.className, ['post-bodycopy', 'storycontent', 'story-content', 'theme-content', 'blog-content', 'section-content', 'single-content', 'single-post', 'main-column', 'wpb_text_column', 'story-body', 'field-body']) ||
      /fulltext/i.test(n.className) || n.id.includes('story-body') || n.id.startsWith('primary') || n.className.startsWith('article ') ||
      ['postarea', 'art-postcontent', 'text', 'cell', 'story'].includes(n.className) || n.id === 'article' || n.id === 'story' || n.role === 'article'),
  (n) =>
    BOXES.has(n.tag) &&
    (any(n.className, ['content-main', 'content_main', 'content-body', 'content__body']) || any(n.id, ['content-main', 'content-body', 'contentBody']) ||
      /main-content|page-content/i.test(n.className) || /main-content/i.test(n.id) || n.id === 'content' || n.className === 'content'),
  (n) => n.tag === 'main' || (n.tag !== 'main' && BOXES.has(n.tag) && (n.className.startsWith('main') || n.id.startsWith('main') || n.role.startsWith('main'))),
];

/**
 * The first rule's first element that holds at least `minChars` of text (as `textLength` counts it);
 * null when none does. Runs on a page whose marked boilerplate is already gone, as trafilatura prunes
 * before it reads the container.
 */
export function contentContainer(root: LightElement, textLength: (element: LightElement) => number, minChars: number): LightElement | null {
  const first: Array<LightElement | null> = RULES.map(() => null);
  for (const element of Array.from(root.querySelectorAll('*'))) {
    const names: Names = {
      tag: element.localName,
      className: element.getAttribute('class') ?? '',
      id: element.getAttribute('id') ?? '',
      role: element.getAttribute('role') ?? '',
      itemprop: element.getAttribute('itemprop') ?? '',
    };
    RULES.forEach((rule, i) => {
      if (first[i] === null && rule(names)) first[i] = element;
    });
  }
  return first.find((element) => element !== null && textLength(element) >= minChars) ?? null;
}
