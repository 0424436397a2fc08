import { Module } from '@nestjs/common';
import { UsageController } from './usage.controller';
import { UsageRepository } from './usage.repository';

/** Which nodes and services run which images. */
@Module({ controllers: [UsageController], providers: [UsageRepository] })
export class UsageModule {}
