import type { LightElement } from './light-dom';

/**
 * The element that a page's own markup names as its article body, found as trafilatura finds it
 * (its BODY_XPATH, xpaths.py of 2.2.0): a list of rules from the most to the least specific, each
 * taking the first element of the page that it matches. The CMS-given names ("entry-content",
 * itemprop=articleBody, "post-body") are more reliable than any score when Readability's pick
 * lands in a comment, an author's box or a widget beside them.
 */
const BOXES = ['article', 'div', 'main', 'section'];

const contains = (attribute: 'class' | 'id', parts: string[], flags = '') =>
  parts.map((part) => `[${attribute}*="${part}"${flags}]`);
const boxed = (conditions: string[], boxes = BOXES) => boxes.flatMap((box) => conditions.map((condition) => `${box}${condition}`)).join(', ');

const RULES: string[] = [
  boxed([
    ...contains('class', ['post-text', 'post_text', 'post-body', 'post-entry', 'postentry', 'post-content', 'post_content', 'postcontent', 'postContent', 'article-text', 'articletext', 'articleText', 'entry-content', 'article-content', 'article__content', 'article-body', 'article__body', 'ArticleContent', 'page-content', 'text-content', 'body-text', 'article__container', 'art-content']),
    ...contains('id', ['entry-content', 'article-content', 'article__content', 'article-body', 'article__body', 'body-text', 'art-content']),
    ...contains('class', ['articlebody'], ' i'),
    ...contains('id', ['articlebody'], ' i'),
    '[itemprop="articleBody"]',
    '[id="articleContent"]',
  ]),
  'article',
  boxed([
    ...contains('class', ['post-bodycopy', 'storycontent', 'story-content', 'theme-content', 'blog-content', 'section-content', 'single-content', 'single-post', 'main-column', 'wpb_text_column', 'story-body', 'field-body']),
    ...contains('class', ['fulltext'], ' i'),
    ...contains('id', ['story-body']),
    '[class="postarea"]', '[class="art-postcontent"]', '[id^="primary"]', '[class^="article "]', '[class="text"]', '[id="article"]',
    '[class="cell"]', '[id="story"]', '[class="story"]', '[role="article"]',
  ]),
  boxed([
    ...contains('class', ['content-main', 'content_main', 'content-body', 'content__body']),
    ...contains('id', ['content-main', 'content-body', 'contentBody']),
    ...contains('class', ['main-content', 'page-content'], ' i'),
    ...contains('id', ['main-content'], ' i'),
    '[id="content"]', '[class="content"]',
  ]),
  [boxed(['[class^="main"]', '[id^="main"]', '[role^="main"]'], ['article', 'div', 'section']), 'main'].join(', '),
];

/**
 * The first rule's first element that holds at least `minChars` of text (as `textLength` counts it);
 * null when none does. Runs on a page whose marked boilerplate is already gone, as trafilatura prunes
 * before it reads the container.
 */
export function contentContainer(root: LightElement, textLength: (element: LightElement) => number, minChars: number): LightElement | null {
  for (const rule of RULES) {
    const element = root.querySelector(rule);
    if (element !== null && textLength(element) >= minChars) return element;
  }
  return null;
}
