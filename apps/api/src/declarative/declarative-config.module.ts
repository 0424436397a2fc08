import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { JobsModule } from '../jobs/jobs.module';
import { DeclarativeConfigController } from './declarative-config.controller';
import { DeclarativeConfigRepository } from './declarative-config.repository';
import { DeclarativeConfigService } from './declarative-config.service';

@Module({
  imports: [AccessModule, JobsModule],
  controllers: [DeclarativeConfigController],
  providers: [DeclarativeConfigRepository, DeclarativeConfigService],
})
export class DeclarativeConfigModule {}
