import { Module } from '@nestjs/common';
import { AccessTokens } from './access-tokens.service';

@Module({ providers: [AccessTokens], exports: [AccessTokens] })
export class AccessTokensModule {}
