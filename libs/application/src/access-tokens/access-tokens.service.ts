import { Injectable } from '@nestjs/common';
import { accessTokenDecider, accessTokenStream } from '@app/domain/access-token/access-token';
import type { AccessTokenRow } from '@app/projections';
import { CommandRunner } from '../infrastructure/command-runner';
import { ReadSide } from '../infrastructure/read-side';
import type { Actor } from './actor';
import { hashToken, newToken } from './token-secrets';

/** Issues and revokes bearer tokens. Only the hash is stored; the token is shown once. */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly runner: CommandRunner,
    private readonly readSide: ReadSide,
  ) {}

  async issue(name: string, role: string, actor: Actor): Promise<string> {
    const token = newToken();
    await this.runner.run(
      accessTokenStream(name),
      accessTokenDecider,
      (state) =>
        accessTokenDecider.decide(
          { type: 'IssueAccessToken', data: { name, role, tokenHash: hashToken(token) } },
          state,
        ),
      { recordedBy: actor.name },
    );
    return token;
  }

  async revoke(name: string, actor: Actor): Promise<void> {
    await this.runner.run(
      accessTokenStream(name),
      accessTokenDecider,
      (state) => accessTokenDecider.decide({ type: 'RevokeAccessToken', data: { name } }, state),
      { recordedBy: actor.name },
    );
  }

  list(): AccessTokenRow[] {
    return this.readSide.accessTokens.list();
  }
}
