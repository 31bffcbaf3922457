import { textLength } from './boilerplate';
import { contentContainer } from './content-container';
import { parseLightDom } from './light-dom';

const body = (html: string) => parseLightDom(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`).body!;
const words = (n: number) => 'word '.repeat(n);

describe('contentContainer (trafilatura BODY_XPATH order)', () => {
  it('prefers the CMS body class over an earlier <article> and over #content', () => {
    const root = body(`<div id="content"><article class="teaser">${words(60)}</article><div class="entry-content">${words(80)}</div></div>`);
    expect(contentContainer(root, textLength, 200)?.getAttribute('class')).toBe('entry-content');
  });

  it('matches articleBody case-insensitively and itemprop', () => {
    expect(contentContainer(body(`<section class="ArticleBody-x">${words(60)}</section>`), textLength, 200)?.localName).toBe('section');
    expect(contentContainer(body(`<div itemprop="articleBody">${words(60)}</div>`), textLength, 200)?.getAttribute('itemprop')).toBe('articleBody');
  });

  it('skips a rule whose element holds too little text and falls to the next', () => {
    const root = body(`<div class="post-content">short</div><article>${words(60)}</article>`);
    expect(contentContainer(root, textLength, 200)?.localName).toBe('article');
    expect(contentContainer(body('<p>nothing named</p>'), textLength, 200)).toBeNull();
  });
});
