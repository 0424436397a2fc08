import { Module } from '@nestjs/common';
import { ConsoleFiles } from './console-files';
import { ConsoleController } from './console.controller';

@Module({
  controllers: [ConsoleController],
  providers: [{ provide: ConsoleFiles, useValue: new ConsoleFiles() }],
  exports: [ConsoleFiles],
})
export class ConsoleModule {}
