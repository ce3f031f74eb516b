import {
  createParamDecorator,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { AppConfig } from '@app/application';
import { APP_CONFIG } from '@app/application';
import type { Actor } from '@app/application';
import { AuthService } from './auth.service';

export interface GraphqlContext {
  req?: { headers: Record<string, string | string[] | undefined>; id?: string };
  /** Set by the WebSocket connection handler after verifying connectionParams. */
  actor?: Actor;
}

const contextOf = (context: ExecutionContext): GraphqlContext =>
  GqlExecutionContext.create(context).getContext<GraphqlContext>();

function authenticate(auth: AuthService, ctx: GraphqlContext): Actor | undefined {
  if (ctx.actor) return ctx.actor;
  const header = ctx.req?.headers?.authorization;
  if (header === undefined) return undefined;
  const actor = auth.verify(Array.isArray(header) ? header[0] : header);
  if (!actor) throw new UnauthorizedException('The bearer token is invalid or revoked');
  ctx.actor = actor;
  return actor;
}

/** Mutations: a valid token with the editor (or admin) role. */
@Injectable()
export class EditorGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  canActivate(context: ExecutionContext): boolean {
    const actor = authenticate(this.auth, contextOf(context));
    if (!actor)
      throw new UnauthorizedException('This operation needs Authorization: Bearer <token>');
    if (actor.role !== 'editor' && actor.role !== 'admin') {
      throw new ForbiddenException(`Role "${actor.role}" may not change records`);
    }
    return true;
  }
}

/** Queries: public unless PUBLIC_READ=false, then any valid token. */
@Injectable()
export class ReaderGuard implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const actor = authenticate(this.auth, contextOf(context));
    if (!actor && !this.config.publicRead) {
      throw new UnauthorizedException('Reads are private here: send Authorization: Bearer <token>');
    }
    return true;
  }
}

export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor | undefined => contextOf(context).actor,
);
