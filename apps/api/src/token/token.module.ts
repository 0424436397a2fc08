import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { RegistriesModule } from '../registries/registries.module';
import { SigningModule } from '../signing/signing.module';
import { TokenController } from './token.controller';
import { TokenService } from './token.service';

@Module({
  imports: [SigningModule, AccessModule, RegistriesModule],
  controllers: [TokenController],
  providers: [TokenService],
})
export class TokenModule {}
