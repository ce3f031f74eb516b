import { Module } from '@nestjs/common';
import { TimelinePageController } from './timeline-page.controller';

@Module({ controllers: [TimelinePageController] })
export class TimelinePageModule {}
