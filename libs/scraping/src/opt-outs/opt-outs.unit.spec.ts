import { parseHtmlDocument } from '../extract/parse-document';
import { describeOptOut, optOutFor } from './opt-out';
import { documentOptOuts } from './document-opt-outs';
import { tdmHeaderReservation, xRobotsTagOptOuts } from './header-opt-outs';
import { effectiveTdmReservation } from './tdm-reservation';

const options = { productToken: 'trawl', honourNoindex: false };
const directives = (value: string | string[], honourNoindex = false) => xRobotsTagOptOuts(value, { ...options, honourNoindex }).map((optOut) => optOut.directive);

describe('X-Robots-Tag', () => {
  it('finds noai and noimageai, whatever the case and spacing', () => {
    expect(xRobotsTagOptOuts('noai', options)).toEqual([{ signal: 'x-robots-tag', directive: 'noai', covers: 'all' }]);
    expect(xRobotsTagOptOuts(' NoImageAI ', options)).toEqual([{ signal: 'x-robots-tag', directive: 'noimageai', covers: 'images' }]);
    expect(directives('noindex, nofollow, noai,noimageai')).toEqual(['noai', 'noimageai']);
    expect(directives(['nofollow', 'noimageai'])).toEqual(['noimageai']);
    expect(directives([])).toEqual([]);
    expect(xRobotsTagOptOuts(undefined, options)).toEqual([]);
  });

  it('honours none and noindex only when configured', () => {
    expect(directives('none')).toEqual([]);
    expect(directives('noindex')).toEqual([]);
    expect(directives('none', true)).toEqual(['none']);
    expect(directives('noindex, nofollow', true)).toEqual(['noindex']);
  });

  it('applies directives after a user-agent prefix only to that crawler, up to the end of the header line', () => {
    expect(directives('otherbot: noai')).toEqual([]);
    expect(directives('trawl: noai')).toEqual(['noai']);
    expect(directives('TRAWL: noimageai, noai')).toEqual(['noimageai', 'noai']);
    expect(directives(['otherbot: noai, noimageai', 'noai'])).toEqual(['noai']);
    expect(directives('otherbot: noindex, trawl: noimageai')).toEqual(['noimageai']);
    expect(directives('trawl: noai, otherbot: noimageai')).toEqual(['noai']);
  });

  it('does not take a valued directive for a user-agent prefix', () => {
    expect(directives('max-image-preview: none, noai')).toEqual(['noai']);
    expect(directives('unavailable_after: 25 Jun 2010 15:00:00 PST, noimageai')).toEqual(['noimageai']);
  });
});

describe('meta tags of a page', () => {
  const meta = (head: string) => documentOptOuts(parseHtmlDocument(`<!doctype html><html><head>${head}</head><body><p>text</p></body></html>`), options);

  it('reads <meta name="robots"> and a tag addressed to trawl, not one addressed to another crawler', () => {
    expect(meta('<meta name="robots" content="noai, noimageai">').robots.map((optOut) => [optOut.signal, optOut.directive])).toEqual([
      ['meta-robots', 'noai'], ['meta-robots', 'noimageai'],
    ]);
    expect(meta('<meta name="Trawl" content="noimageai">').robots.map((optOut) => optOut.directive)).toEqual(['noimageai']);
    expect(meta('<meta name="otherbot" content="noai">').robots).toEqual([]);
    expect(meta('<meta name="robots" content="index, follow">').robots).toEqual([]);
    expect(meta('<template><meta name="robots" content="noai"></template>').robots).toEqual([]);
  });

  it('reads the TDMRep meta tags: 1 reserves (with the policy), 0 does not, anything else is unset', () => {
    expect(meta('<meta name="tdm-reservation" content="1"><meta name="tdm-policy" content="https://example.org/policy.json">').tdmReservation).toEqual({
      signal: 'tdm-reservation-meta', directive: 'tdm-reservation: 1', covers: 'all', policy: 'https://example.org/policy.json',
    });
    expect(meta('<meta name="tdm-reservation" content="0">').tdmReservation).toBeNull();
    expect(meta('<meta name="tdm-reservation" content="2">').tdmReservation).toBe('unset');
    expect(meta('').tdmReservation).toBe('unset');
  });
});

describe('TDMRep header and priority', () => {
  it('reads the tdm-reservation header', () => {
    expect(tdmHeaderReservation('1', undefined)).toEqual({ signal: 'tdm-reservation-header', directive: 'tdm-reservation: 1', covers: 'all' });
    expect(tdmHeaderReservation(' 1 ', 'https://example.org/p')).toMatchObject({ policy: 'https://example.org/p' });
    expect(tdmHeaderReservation('0', undefined)).toBeNull();
    expect(tdmHeaderReservation('yes', undefined)).toBe('unset');
    expect(tdmHeaderReservation(undefined, undefined)).toBe('unset');
  });

  it('lets the header supersede the file, and the meta tag supersede both', () => {
    const file = tdmHeaderReservation('1', undefined);
    expect(effectiveTdmReservation(file, 'unset', 'unset')).toBe(file);
    expect(effectiveTdmReservation(file, null, 'unset')).toBeNull();
    expect(effectiveTdmReservation(null, 'unset', file)).toBe(file);
    expect(effectiveTdmReservation('unset', 'unset', 'unset')).toBeNull();
  });
});

describe('optOutFor', () => {
  const noimageai = xRobotsTagOptOuts('noimageai', options);
  const noai = xRobotsTagOptOuts('noai', options);

  it('skips an image for noimageai and noai, a page only for noai', () => {
    expect(optOutFor(noimageai, 'image')).toMatchObject({ directive: 'noimageai' });
    expect(optOutFor(noimageai, 'page')).toBeNull();
    expect(optOutFor(noai, 'page')).toMatchObject({ directive: 'noai' });
    expect(optOutFor([], 'image')).toBeNull();
  });

  it('names the signal and the policy in its message', () => {
    expect(describeOptOut(noimageai[0])).toMatch(/noimageai in the X-Robots-Tag response header/);
    expect(describeOptOut({ signal: 'tdmrep-json', directive: 'tdm-reservation: 1', covers: 'all', policy: 'https://example.org/p' })).toMatch(/tdmrep\.json.*licensing policy: https:\/\/example\.org\/p/);
  });
});
