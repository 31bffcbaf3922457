import { chooseSource, shareFoundIn } from './choose-source';
import type { SourceMeasures } from './choose-source';
import type { TextBlock } from './text-blocks';

const measures = (overrides: Partial<SourceMeasures>): SourceMeasures => ({
  articleChars: 2000, articleOnPage: 1, articleInContainer: 1, containerChars: 2500, paragraphChars: 2200, ...overrides,
});

describe('chooseSource', () => {
  it("keeps Readability's article when it lies in the container the markup names", () => {
    expect(chooseSource(measures({}))).toBe('article');
    // even when the classifier finds much more text elsewhere (teasers, sidebars)
    expect(chooseSource(measures({ articleChars: 400, paragraphChars: 5000 }))).toBe('article');
  });

  it('takes the named container when Readability picked what the boilerplate rules remove (a comment form, an author box)', () => {
    expect(chooseSource(measures({ articleOnPage: 0, articleInContainer: 0 }))).toBe('container');
    // no container: the article stands (nothing better is named)
    expect(chooseSource(measures({ articleOnPage: 0, articleInContainer: 0, containerChars: 0, paragraphChars: 100 }))).toBe('article');
  });

  it('takes the container, else the classifier, when Readability found nothing or too little', () => {
    expect(chooseSource(measures({ articleChars: 0 }))).toBe('container');
    expect(chooseSource(measures({ articleChars: 0, containerChars: 0 }))).toBe('paragraphs');
    expect(chooseSource(measures({ articleChars: 300, articleInContainer: 0, containerChars: 0, paragraphChars: 3000 }))).toBe('paragraphs');
    expect(chooseSource(measures({ articleChars: 300, articleInContainer: 0, containerChars: 2000, paragraphChars: 3000 }))).toBe('container');
    expect(chooseSource(measures({ articleChars: 300, articleInContainer: 0, containerChars: 500, paragraphChars: 3000 }))).toBe('paragraphs');
    expect(chooseSource(measures({ articleChars: 0, containerChars: 0, paragraphChars: 0 }))).toBe('none');
  });
});

describe('shareFoundIn', () => {
  const block = (text: string) => ({ text }) as TextBlock;
  it("weighs the article's blocks by length and finds them inside longer blocks", () => {
    const article = [block('a'.repeat(30)), block('b'.repeat(10))];
    expect(shareFoundIn(article, [block(`xx ${'a'.repeat(30)} yy`)])).toBeCloseTo(0.75);
    expect(shareFoundIn(article, [])).toBe(0);
    expect(shareFoundIn([], [block('z')])).toBe(0);
  });
});
