import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { APP_CONFIG, type AppConfig } from '@app/application';
import { ApiMetrics } from './api-metrics';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * `GET /metrics` in Prometheus's text format, for a scraper holding `METRICS_TOKEN` as a bearer
 * token. Without that variable the route does not exist (404): metrics tell a stranger how busy
 * the node is, how far behind, and which errors it answers, and each scrape reads the log's head.
 * See docs/operations.md.
 */
@Controller('metrics')
export class MetricsController {
  private readonly expected: Buffer | undefined;

  constructor(
    private readonly metrics: ApiMetrics,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.expected = config.metricsToken === undefined ? undefined : digest(config.metricsToken);
  }

  @Get()
  async scrape(
    @Headers('authorization') authorization: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const refuse = (status: number, code: string, message: string) =>
      void reply.status(status).send({ error: { code, message } });
    // Without a token the route does not exist: answered exactly as any unknown route is, so
    // that a stranger cannot tell that the module is there.
    if (!this.expected)
      return void reply
        .status(404)
        .send({ message: 'Cannot GET /metrics', error: 'Not Found', statusCode: 404 });
    const presented =
      typeof authorization === 'string' && authorization.startsWith('Bearer ')
        ? digest(authorization.slice('Bearer '.length))
        : undefined;
    // Digests of equal length, compared in constant time: the answer's timing says nothing.
    if (!presented || !timingSafeEqual(presented, this.expected)) {
      return refuse(401, 'UNAUTHENTICATED', 'Send Authorization: Bearer <METRICS_TOKEN>');
    }
    const body = await this.metrics.registry.metrics();
    void reply
      .header('content-type', this.metrics.registry.contentType)
      .header('cache-control', 'no-store')
      .send(body);
  }
}
