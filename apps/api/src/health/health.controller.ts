import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { type EventStore } from '@app/event-store';
import { Projector } from '@app/projections';
import { ChangeFeed } from '../feeds/change-feed';
import { EVENT_STORE } from '@app/application';

/** Liveness and read-model lag, for load balancers and container health checks. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly projector: Projector,
    private readonly feed: ChangeFeed,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  async health() {
    const head = await this.store.headPosition();
    const body = {
      status: this.projector.error ? 'degraded' : 'ok',
      eventStore: { head: head.toString() },
      readModels: {
        position: this.projector.position.toString(),
        behind: (head - this.projector.position).toString(),
        error: this.projector.error?.message,
      },
      feeds: { open: this.feed.followers },
    };
    if (this.projector.error) throw new HttpException(body, HttpStatus.SERVICE_UNAVAILABLE);
    return body;
  }
}
