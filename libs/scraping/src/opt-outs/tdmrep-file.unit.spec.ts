import { parseTdmrepFile, tdmrepReservationFor } from './tdmrep-file';

const reserved = (rules: ReturnType<typeof parseTdmrepFile>, path: string) => {
  const said = tdmrepReservationFor(rules, `http://127.0.0.1${path}`);
  return said === 'unset' ? 'unset' : said === null ? 'not reserved' : 'reserved';
};

describe('tdmrep.json', () => {
  it('reserves the whole site with location "/"', () => {
    const rules = parseTdmrepFile('[{"location": "/", "tdm-reservation": 1}]');
    expect(reserved(rules, '/')).toBe('reserved');
    expect(reserved(rules, '/images/a.jpg?x=1')).toBe('reserved');
  });

  it('matches the spec example: first matching rule, prefixes, * and policies', () => {
    const rules = parseTdmrepFile(JSON.stringify([
      { location: '/directory-a/', 'tdm-reservation': 1 },
      { location: '/directory-b/html/', 'tdm-reservation': 1, 'tdm-policy': 'https://provider.com/policies/policy.json' },
      { location: '/directory-b/images/*.jpg', 'tdm-reservation': 0 },
      { location: '/directory-b/', 'tdm-reservation': 1 },
    ]));
    expect(reserved(rules, '/directory-a/report.pdf')).toBe('reserved');
    expect(tdmrepReservationFor(rules, 'http://127.0.0.1/directory-b/html/page.html')).toMatchObject({ signal: 'tdmrep-json', policy: 'https://provider.com/policies/policy.json' });
    expect(reserved(rules, '/directory-b/images/cat.jpg')).toBe('not reserved');
    expect(reserved(rules, '/directory-b/images/sub/cat.jpg')).toBe('not reserved');
    expect(reserved(rules, '/directory-b/images/cat.png')).toBe('reserved'); // falls through to /directory-b/
    expect(reserved(rules, '/directory-c/x')).toBe('unset');
    expect(reserved(rules, '/Directory-a/report.pdf')).toBe('unset'); // case-sensitive
  });

  it('anchors a pattern that ends in $', () => {
    const rules = parseTdmrepFile('[{"location": "/exact$", "tdm-reservation": 1}, {"location": "/*.png$", "tdm-reservation": 1}]');
    expect(reserved(rules, '/exact')).toBe('reserved');
    expect(reserved(rules, '/exactly')).toBe('unset');
    expect(reserved(rules, '/a/b.png')).toBe('reserved');
    expect(reserved(rules, '/a/b.png?size=2')).toBe('unset');
  });

  it('compares percent-encoded unreserved characters decoded, and regex characters literally', () => {
    const rules = parseTdmrepFile('[{"location": "/~user/", "tdm-reservation": 1}, {"location": "/a.b(c)/", "tdm-reservation": 1}, {"location": "/café/", "tdm-reservation": 1}]');
    expect(reserved(rules, '/%7Euser/photo.jpg')).toBe('reserved');
    expect(reserved(rules, '/a.b(c)/x')).toBe('reserved');
    expect(reserved(rules, '/aXb(c)/x')).toBe('unset');
    expect(reserved(rules, '/café/x')).toBe('reserved');
  });

  it('skips invalid rules and ignores files that are not a rule array', () => {
    const rules = parseTdmrepFile(JSON.stringify([
      { location: '/a/', 'tdm-reservation': 2 },
      { 'tdm-reservation': 1 },
      'nonsense',
      { location: '/a/', 'tdm-reservation': '1' },
    ]));
    expect(rules).toHaveLength(1);
    expect(reserved(rules, '/a/x')).toBe('reserved');
    for (const body of ['', 'not json', '{"location": "/", "tdm-reservation": 1}', '<html></html>']) expect(parseTdmrepFile(body)).toEqual([]);
    expect(parseTdmrepFile('\uFEFF[{"location": "/", "tdm-reservation": 1}]')).toHaveLength(1);
  });
});
