import { Module } from '@nestjs/common';
import { AuthService } from './auth.service';
import { EditorGuard, ReaderGuard } from './guards';

/** Verifying bearer tokens at the edge; issuing and revoking them is the application's (AccessTokens). */
@Module({
  providers: [AuthService, EditorGuard, ReaderGuard],
  exports: [AuthService, EditorGuard, ReaderGuard],
})
export class AuthModule {}
