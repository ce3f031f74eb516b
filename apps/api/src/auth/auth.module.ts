import { Module } from '@nestjs/common';
import { AccessTokens } from './access-tokens.service';
import { AuthService } from './auth.service';
import { EditorGuard, ReaderGuard } from './guards';

@Module({
  providers: [AuthService, AccessTokens, EditorGuard, ReaderGuard],
  exports: [AuthService, AccessTokens, EditorGuard, ReaderGuard],
})
export class AuthModule {}
