import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDir } from '../../../../test/support/corpus';
import { discoverImages } from './discover-images';

/** Image–text pairs on real pages: figures with captions, alt texts, headings, declared sizes. */
const PAGE_URL = 'http://fakehost/test/page.html';
const imagesOf = (page: string) => discoverImages(readFileSync(join(corpusDir(), page, 'source.html'), 'utf8'), PAGE_URL);
const pairOf = (page: string, url: string) => {
  const image = imagesOf(page).find((candidate) => candidate.url === url);
  if (!image) throw new Error(`${page}: no image ${url}`);
  const { nearbyText, ...rest } = image.context ?? {};
  return { via: image.via, ...rest, nearbyText };
};

describe('image–text pairs on the corpus', () => {
  it('keep-images (Medium): figure captions and the article heading', () => {
    const heading = 'Welcome to DoctorX’s Barcelona lab, where the drugs you bought online are tested for safety and purity. No questions asked.';
    expect(pairOf('keep-images', 'https://d262ilb51hltx0.cloudfront.net/max/2000/1*4gN1-fzOwCniw-DbqQjDeQ.jpeg')).toEqual({
      via: 'img-src', caption: 'Cristina Gil Lladanosa, at the Barcelona testing lab | photo by Joan Bardeletti', heading, nearbyText: expect.stringContaining('“Here we have speed, MDMA, cocaine, pills,” Lladanosa says'),
    });
    expect(pairOf('keep-images', 'https://d262ilb51hltx0.cloudfront.net/max/2000/1*mKvUNOAVQxl6atCbxbCZsg.jpeg')).toEqual({
      via: 'img-src', caption: 'Fernando Caudevilla, AKA DoctorX. Photo: Joseph Cox', heading, nearbyText: expect.stringContaining('Caudevilla first ventured into Silk Road forums'),
    });
  });

  it('bbc-1: alt text, caption, headline and declared size', () => {
    expect(pairOf('bbc-1', 'http://ichef.bbci.co.uk/news/555/cpsprodpb/462D/production/_84456971_gettyimages-167501087.jpg')).toEqual({
      via: 'img-src',
      alt: 'Gun control campaigners protest in McPhearson Square in Washington DC - 25 April 2013',
      caption: 'The president said he would continue fighting for greater gun control laws',
      heading: "Obama admits US gun laws are his 'biggest frustration'",
      width: 976, height: 549,
      nearbyText: expect.stringContaining('The president said he would continue fighting for greater gun control laws'),
    });
    expect(pairOf('bbc-1', 'http://ichef-1.bbci.co.uk/news/555/cpsprodpb/6D3D/production/_84456972_p072315al-0500.jpg')).toMatchObject({
      alt: 'President Barack Obama participates in an interview with Jon Sopel of BBC in the Roosevelt Room of the White House - 23 July 2015',
      heading: 'Analysis: Jon Sopel, BBC News, Washington', width: 976, height: 549,
    });
  });

  it('nytimes-5: an empty alt stays empty, the credit caption is kept', () => {
    expect(pairOf('nytimes-5', 'https://static01.nyt.com/images/2022/01/19/opinion/19max/19max-videoLarge.jpg')).toMatchObject({
      alt: '', caption: 'CreditEllen Surrey', heading: 'Olimpiadas en China: Xi Jinping está organizando los juegos con sus propias reglas',
    });
  });

  it('gives most content images of the corpus some text, and every window stays within its bound', () => {
    const pages = ['keep-images', 'bbc-1', 'guardian-1', 'nytimes-5', 'wikia', 'ars-1', 'medium-1', 'cnn'];
    const images = pages.flatMap(imagesOf).filter((image) => ['img-src', 'srcset', 'picture-source'].includes(image.via));
    const described = images.filter((image) => image.context?.alt || image.context?.caption);
    expect(described.length / images.length).toBeGreaterThan(0.5);
    expect(images.every((image) => (image.context?.nearbyText?.length ?? 0) <= 300)).toBe(true);
  });
});
