import { Writable } from 'node:stream';
import pino from 'pino';
import { rootLoggerOptions } from './root-logger';

describe('rootLoggerOptions', () => {
  it('writes JSON lines with an ISO time, the level by name and the roles when not at a terminal', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString('utf8')), done()) });
    const logger = pino(rootLoggerOptions({ level: 'info', roles: ['fetcher'], pretty: false }), sink);
    logger.info({ taskId: 't-1' }, 'page job fetched');
    logger.debug('not at info');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'info', roles: 'fetcher', taskId: 't-1', msg: 'page job fetched' });
    expect(new Date(String(line.time)).toISOString()).toBe(line.time);
  });

  it('goes through pino-pretty for a person at a terminal, and honours the level', () => {
    const options = rootLoggerOptions({ level: 'warn', roles: ['api'], pretty: true });
    expect(options.transport).toMatchObject({ target: 'pino-pretty' });
    expect(options.level).toBe('warn');
    expect(rootLoggerOptions({ level: 'silent', roles: ['api'], pretty: false }).level).toBe('silent');
  });
});

describe('Nest start-up lines', () => {
  function capture(level: 'info' | 'debug') {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(JSON.parse(chunk.toString('utf8'))), done()) });
    return { logger: pino(rootLoggerOptions({ level, roles: ['api'], pretty: false }), sink), lines };
  }

  it('go to debug (route mapping, module initialisation), while trawl\'s own info lines stay at info', () => {
    const info = capture('info');
    info.logger.info({ context: 'RouterExplorer' }, 'Mapped {/api/v1/tasks, GET} route');
    info.logger.info({ context: 'InstanceLoader' }, 'ApiModule dependencies initialized');
    info.logger.info({ context: 'trawl' }, 'roles api started');
    info.logger.warn({ context: 'RouterExplorer' }, 'a warning of the router is not chatter');
    expect(info.lines.map((line) => [line.level, line.msg])).toEqual([
      ['info', 'roles api started'],
      ['warn', 'a warning of the router is not chatter'],
    ]);

    const debug = capture('debug');
    debug.logger.info({ context: 'RoutesResolver' }, 'TasksController {/api/v1/tasks}:');
    expect(debug.lines).toMatchObject([{ level: 'debug', context: 'RoutesResolver', msg: 'TasksController {/api/v1/tasks}:' }]);
  });
});
