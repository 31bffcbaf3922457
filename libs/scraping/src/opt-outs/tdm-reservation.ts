import type { OptOut, OptOutSignal } from './opt-out';

/**
 * TDMRep's `tdm-reservation` value (TDM Reservation Protocol, W3C CG final report, §2.1): `1` reserves
 * TDM rights (an opt-out), `0` says they are not reserved (null: nothing to honour, and it supersedes a
 * weaker source), any other value is a protocol error the agent must treat as unset. `tdm-policy` is
 * kept with a reservation, so the skipped resource can say where a licence may be had.
 */
export function tdmReservation(value: unknown, policy: unknown, signal: OptOutSignal): OptOut | null | 'unset' {
  const normalised = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  if (normalised === '0') return null;
  if (normalised !== '1') return 'unset';
  const optOut: OptOut = { signal, directive: 'tdm-reservation: 1', covers: 'all' };
  if (typeof policy === 'string' && policy.trim() !== '') optOut.policy = policy.trim();
  return optOut;
}

/**
 * Combines TDMRep's three sources by its processing priority (§3.4): the tdmrep.json rule, superseded
 * by the response header, superseded by the HTML meta tag. Each argument is what that source said:
 * an opt-out, null ("not reserved"), or `unset` (silent or invalid).
 */
export function effectiveTdmReservation(...fromWeakestToStrongest: Array<OptOut | null | 'unset'>): OptOut | null {
  let effective: OptOut | null = null;
  for (const said of fromWeakestToStrongest) if (said !== 'unset') effective = said;
  return effective;
}
