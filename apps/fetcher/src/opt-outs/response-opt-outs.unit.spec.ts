import { judgeResponseHeaders } from './response-opt-outs';

const options = { productToken: 'trawl', honourNoindex: false };
const response = (headers: Record<string, string>, headerLines?: Record<string, string[]>) => ({ headers, headerLines });

describe('judgeResponseHeaders', () => {
  it('blocks an image on X-Robots-Tag noimageai, and a page only on its images', () => {
    const sent = response({ 'x-robots-tag': 'noimageai' });
    expect(judgeResponseHeaders(sent, 'image', 'unset', options).blocked).toMatchObject({ signal: 'x-robots-tag', directive: 'noimageai' });
    const page = judgeResponseHeaders(sent, 'page', 'unset', options);
    expect(page.blocked).toBeNull();
    expect(page.imagesBlocked).toMatchObject({ directive: 'noimageai' });
  });

  it('reads each X-Robots-Tag line on its own: another crawler\'s line does not cover ours', () => {
    const joined = response({ 'x-robots-tag': 'otherbot: noindex, noai' }, { 'x-robots-tag': ['otherbot: noindex', 'noai'] });
    expect(judgeResponseHeaders(joined, 'page', 'unset', options).blocked).toMatchObject({ directive: 'noai' });
    const forOthers = response({ 'x-robots-tag': 'otherbot: noai' }, { 'x-robots-tag': ['otherbot: noai'] });
    expect(judgeResponseHeaders(forOthers, 'page', 'unset', options).blocked).toBeNull();
  });

  it('honours a TDMRep reservation from the header or the tdmrep.json rule, the header winning', () => {
    expect(judgeResponseHeaders(response({ 'tdm-reservation': '1' }), 'page', 'unset', options).blocked).toMatchObject({ signal: 'tdm-reservation-header' });
    const rule = { signal: 'tdmrep-json' as const, directive: 'tdm-reservation: 1', covers: 'all' as const };
    expect(judgeResponseHeaders(response({}), 'image', rule, options).blocked).toMatchObject({ signal: 'tdmrep-json' });
    expect(judgeResponseHeaders(response({ 'tdm-reservation': '0' }), 'image', rule, options).blocked).toBeNull();
  });

  it('ignores noindex unless configured', () => {
    expect(judgeResponseHeaders(response({ 'x-robots-tag': 'noindex' }), 'page', 'unset', options).blocked).toBeNull();
    expect(judgeResponseHeaders(response({ 'x-robots-tag': 'noindex' }), 'page', 'unset', { ...options, honourNoindex: true }).blocked).toMatchObject({ directive: 'noindex' });
  });
});
