import { Controller, Get, Header, Headers, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { register } from 'prom-client';
import { DataSource, IsNull } from 'typeorm';
import { Public } from '../auth/access.decorator.js';
import { unauthorized } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { OutboxEntity } from '../queue/outbox.entity.js';
import { QueueService } from '../queue/queue.service.js';
import { NotificationEntity, NotificationStatus } from '../notifications/notification.entity.js';
import { SweepHealth } from '../schedules/sweep-health.js';
import { collectProcessMetrics, notificationsFailed, outboxPending, queueDepth, sweepLastRun } from './metrics.js';
import { readinessOf, type Readiness } from './readiness.js';

@ApiTags('ops')
@Controller({ path: '', version: undefined })
export class HealthController {
  constructor(
    private readonly db: DataSource,
    private readonly queues: QueueService,
    private readonly sweeps: SweepHealth,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    collectProcessMetrics();
  }

  @Get('health/live')
  @ApiOperation({ summary: 'Check that the process is up' })
  @Public()
  @ApiOkResponse({ description: 'The process is up' })
  liveness(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('health/ready')
  @ApiOperation({ summary: 'Check that the API can serve requests' })
  @Public()
  @ApiOkResponse({ description: 'The API can serve: the database answers. A queue outage or a sweep that stopped running (none for three intervals) only degrades it: the outbox keeps the jobs' })
  @ApiServiceUnavailableResponse({ description: 'The database is not reachable' })
  async readiness(@Res({ passthrough: true }) reply: FastifyReply): Promise<Readiness> {
    const [database, queue, sweep] = await Promise.all([
      this.db.query('SELECT 1').then(() => 'ok' as const, () => 'down' as const),
      this.queues.ping().then(() => 'ok' as const, () => 'degraded' as const),
      this.sweeps.state().then(({ stale }) => (stale ? ('degraded' as const) : ('ok' as const)), () => 'degraded' as const),
    ]);
    const readiness = readinessOf({ database, queue, sweep });
    void reply.status(readiness.status === 'unavailable' ? 503 : 200);
    return readiness;
  }

  @Get('metrics')
  @Public()
  @HttpCode(200)
  @Header('content-type', register.contentType)
  @ApiExcludeEndpoint()
  async metrics(@Headers('authorization') authorization: string | undefined): Promise<string> {
    this.assertMetricsToken(authorization);
    await Promise.all([this.collectQueueDepths(), this.collectOutbox(), this.collectFailedNotifications(), this.collectSweep()]);
    return register.metrics();
  }

  /** With METRICS_TOKEN set, only a scraper that presents it reads the metrics. */
  private assertMetricsToken(authorization: string | undefined): void {
    const expected = this.config.metricsToken;
    if (!expected) return;
    const given = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '';
    // Digests have equal lengths, so the comparison takes the same time whatever was sent.
    const digest = (text: string) => createHash('sha256').update(text).digest();
    if (!timingSafeEqual(digest(given), digest(expected))) throw unauthorized('GET /metrics needs the METRICS_TOKEN as a bearer token');
  }

  private async collectQueueDepths(): Promise<void> {
    try {
      for (const [queue, counts] of Object.entries(await this.queues.depths())) {
        for (const [state, value] of Object.entries(counts)) queueDepth.set({ queue, state }, value);
      }
    } catch {
      // The queue is down: the last known depths stay, readiness reports the outage.
    }
  }

  private async collectFailedNotifications(): Promise<void> {
    notificationsFailed.set(await this.db.getRepository(NotificationEntity).countBy({ status: NotificationStatus.Failed }).catch(() => -1));
  }

  private async collectSweep(): Promise<void> {
    const state = await this.sweeps.state().catch(() => undefined);
    // The database is away: the last known value stays, readiness reports the outage.
    if (state) sweepLastRun.set(state.lastCompletedAt ? state.lastCompletedAt.getTime() / 1000 : 0);
  }

  private async collectOutbox(): Promise<void> {
    outboxPending.set(await this.db.getRepository(OutboxEntity).countBy({ enqueuedAt: IsNull() }).catch(() => -1));
  }
}
