import { parseVariantQuery } from './variant-params';
import { canonicalVariant, resolveVariant, variantReferenceName } from './variant-spec';

const limits = { maxDimension: 4096 };
const parse = (query: Record<string, unknown>) => parseVariantQuery(query, limits);
const errorsOf = (query: Record<string, unknown>) => {
  const parsed = parse(query);
  return parsed.ok ? [] : parsed.errors;
};

describe('parseVariantQuery', () => {
  it('reads no parameter as "the original"', () => {
    expect(parse({})).toEqual({ ok: true, request: null });
  });

  it('reads every parameter', () => {
    expect(parse({ width: '256', height: '128', fit: 'cover', format: 'webp', quality: '75', metadata: 'keep' })).toEqual({
      ok: true,
      request: { width: 256, height: 128, fit: 'cover', format: 'webp', quality: 75, keepMetadata: true },
    });
    expect(parse({ format: 'avif' })).toEqual({ ok: true, request: { format: 'avif' } });
    expect(parse({ metadata: 'strip' })).toEqual({ ok: true, request: null });
  });

  it.each([
    ['width', { width: '0' }, /from 1 to 4096/],
    ['width', { width: '4097' }, /from 1 to 4096/],
    ['width', { width: '12.5' }, /integer/],
    ['width', { width: '-3' }, /integer/],
    ['width', { width: '1e3' }, /integer/],
    ['width', { width: '' }, /integer/],
    ['width', { width: ['1', '2'] }, /once/],
    ['height', { height: 'tall' }, /from 1 to 4096/],
    ['height', { height: '010' }, /integer/],
    ['fit', { width: '10', fit: 'fill' }, /cover, contain, inside/],
    ['fit', { fit: 'cover' }, /needs width or height/],
    ['format', { format: 'gif' }, /jpeg, png, webp, avif/],
    ['format', { format: 'JPEG' }, /jpeg, png, webp, avif/],
    ['quality', { quality: '0' }, /from 1 to 100/],
    ['quality', { quality: '101' }, /from 1 to 100/],
    ['metadata', { metadata: 'yes' }, /keep or strip/],
    ['w', { w: '100' }, /unknown parameter/],
  ])('names %s when it is invalid: %j', (path, query, message) => {
    expect(errorsOf(query)).toEqual([{ path, message: expect.stringMatching(message) }]);
  });

  it('reports every invalid parameter at once', () => {
    expect(errorsOf({ width: 'x', quality: '500', format: 'bmp' }).map((error) => error.path)).toEqual(['width', 'quality', 'format']);
  });
});

describe('resolveVariant', () => {
  it('fills in fit, the source format and its default quality', () => {
    expect(resolveVariant({ width: 256 }, 'image/jpeg')).toEqual({ width: 256, height: null, fit: 'inside', format: 'jpeg', quality: 80, keepMetadata: false });
    expect(resolveVariant({ width: 256 }, 'image/gif')).toMatchObject({ format: 'png', quality: null });
    expect(resolveVariant({ format: 'avif' }, 'image/png')).toMatchObject({ format: 'avif', quality: 50 });
    expect(resolveVariant({ format: 'png', quality: 30 }, 'image/png')).toMatchObject({ format: 'png', quality: null });
  });

  it('names equal variants alike and different ones differently', () => {
    const source = 'a'.repeat(64);
    const explicit = resolveVariant({ width: 100, fit: 'inside', format: 'jpeg', quality: 80 }, 'image/jpeg');
    const implicit = resolveVariant({ width: 100 }, 'image/jpeg');
    expect(canonicalVariant(implicit)).toBe('w=100,h=-,fit=inside,fmt=jpeg,q=80,meta=strip');
    expect(variantReferenceName(source, explicit)).toBe(variantReferenceName(source, implicit));
    expect(variantReferenceName(source, implicit)).toMatch(/^variant-[0-9a-f]{64}$/);
    expect(variantReferenceName('b'.repeat(64), implicit)).not.toBe(variantReferenceName(source, implicit));
    expect(variantReferenceName(source, { ...implicit, quality: 81 })).not.toBe(variantReferenceName(source, implicit));
  });
});
