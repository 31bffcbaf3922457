import { checkExpiresAt, decideExpiry, retentionCutoff } from './decide-expiry';

const now = new Date('2026-12-01T12:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
const ahead = (ms: number) => new Date(now.getTime() + ms).toISOString();

describe('decideExpiry', () => {
  it('never expires a task that is not final, whatever its expiresAt', () => {
    expect(decideExpiry({ now, retentionDays: 1, finalAt: null, expiresAt: ago(DAY) })).toEqual({ expired: false });
  });

  it('expires a final task once its expiresAt has passed, and not before', () => {
    expect(decideExpiry({ now, retentionDays: null, finalAt: ago(1000), expiresAt: ago(1) })).toEqual({ expired: true, reason: 'expires-at', dueAt: ago(1) });
    expect(decideExpiry({ now, retentionDays: null, finalAt: ago(1000), expiresAt: now.toISOString() })).toEqual({ expired: true, reason: 'expires-at', dueAt: now.toISOString() });
    expect(decideExpiry({ now, retentionDays: null, finalAt: ago(1000), expiresAt: ahead(1) })).toEqual({ expired: false });
  });

  it('expires a final task TRAWL_RETENTION_DAYS after it ended; off (null or 0) keeps it forever', () => {
    expect(decideExpiry({ now, retentionDays: 7, finalAt: ago(7 * DAY), expiresAt: null })).toEqual({ expired: true, reason: 'retention', dueAt: now.toISOString() });
    expect(decideExpiry({ now, retentionDays: 7, finalAt: ago(7 * DAY - 1), expiresAt: null })).toEqual({ expired: false });
    expect(decideExpiry({ now, retentionDays: null, finalAt: ago(10_000 * DAY), expiresAt: null })).toEqual({ expired: false });
    expect(decideExpiry({ now, retentionDays: 0, finalAt: ago(10_000 * DAY), expiresAt: null })).toEqual({ expired: false });
  });

  it('names the deadline that passed first when both have', () => {
    expect(decideExpiry({ now, retentionDays: 1, finalAt: ago(3 * DAY), expiresAt: ago(DAY) })).toEqual({ expired: true, reason: 'retention', dueAt: ago(2 * DAY) });
    expect(decideExpiry({ now, retentionDays: 1, finalAt: ago(3 * DAY), expiresAt: ago(2.5 * DAY) })).toEqual({ expired: true, reason: 'expires-at', dueAt: ago(2.5 * DAY) });
  });

  it('an expiresAt still ahead does not hold back retention', () => {
    expect(decideExpiry({ now, retentionDays: 1, finalAt: ago(2 * DAY), expiresAt: ahead(DAY) })).toEqual({ expired: true, reason: 'retention', dueAt: ago(DAY) });
  });
});

describe('retentionCutoff', () => {
  it('is the final time that retention expires at now, or null when retention is off', () => {
    expect(retentionCutoff(now, 2)).toBe(ago(2 * DAY));
    expect(retentionCutoff(now, null)).toBeNull();
  });
});

describe('checkExpiresAt', () => {
  it('accepts a future ISO date-time with a zone and normalises it to UTC', () => {
    expect(checkExpiresAt('2030-01-31T13:00:00+01:00', now)).toEqual({ ok: true, expiresAt: '2030-01-31T12:00:00.000Z' });
    expect(checkExpiresAt('2026-12-01T12:00:00.5Z', now)).toEqual({ ok: true, expiresAt: '2026-12-01T12:00:00.500Z' });
  });

  it('refuses the past, the present, dates without a time or zone, and nonsense', () => {
    expect(checkExpiresAt(now.toISOString(), now)).toMatchObject({ ok: false, message: expect.stringContaining('future') });
    expect(checkExpiresAt('2020-01-01T00:00:00Z', now)).toMatchObject({ ok: false, message: expect.stringContaining('future') });
    for (const value of ['2030-01-31', '2030-01-31T12:00:00', 'tomorrow', '2030-02-31T12:00:00Z x', '']) {
      expect(checkExpiresAt(value, now)).toMatchObject({ ok: false, message: expect.stringContaining('ISO 8601') });
    }
  });
});
