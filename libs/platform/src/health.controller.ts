import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { INFRASTRUCTURE } from './infrastructure.module';
import type { Infrastructure } from './infrastructure';

const PING_TIMEOUT_MS = 2000;

@Controller()
export class HealthController {
  constructor(@Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure) {}

  /** Liveness: the process answers. */
  @Get('health')
  health() {
    return { status: 'ok' };
  }

  /** Readiness: every dependency this process uses answers within a bound. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response) {
    const { eventStore, jobBus, readModels, blobStore } = this.infrastructure;
    const checks = await Promise.all(
      Object.entries({ eventStore, jobBus, readModels, blobStore }).map(async ([name, port]) => [name, await probe(() => port.ping())] as const),
    );
    const body = { status: checks.every(([, result]) => result === 'up') ? 'ready' : 'unready', checks: Object.fromEntries(checks) };
    if (body.status !== 'ready') response.status(503);
    return body;
  }
}

async function probe(ping: () => Promise<void>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([ping(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), PING_TIMEOUT_MS)))]);
    return 'up';
  } catch (error) {
    return `down: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    clearTimeout(timer);
  }
}
