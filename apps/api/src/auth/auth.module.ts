import { Module } from '@nestjs/common';
import { AuthService } from './auth.service';
import { EditorGuard, ReaderGuard } from './guards';

@Module({
  providers: [AuthService, EditorGuard, ReaderGuard],
  exports: [AuthService, EditorGuard, ReaderGuard],
})
export class AuthModule {}
