import { loadConfig } from '@trawl/config';
import { sseLimitsFrom } from './sse-limits';

describe('TRAWL_SSE_MAX_STREAMS', () => {
  it('defaults to 1000 when unset or empty, and takes a positive integer', () => {
    expect(sseLimitsFrom(loadConfig({})).maxStreams).toBe(1000);
    expect(sseLimitsFrom(loadConfig({ TRAWL_SSE_MAX_STREAMS: '' })).maxStreams).toBe(1000);
    expect(sseLimitsFrom(loadConfig({ TRAWL_SSE_MAX_STREAMS: '3' })).maxStreams).toBe(3);
  });

  it('stops the start-up on a value that is not a positive integer, naming the variable', () => {
    for (const bad of ['0', '-2', 'many', '1.5']) {
      expect(() => loadConfig({ TRAWL_SSE_MAX_STREAMS: bad })).toThrow(/TRAWL_SSE_MAX_STREAMS: /);
    }
  });
});
