import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AccessModule } from '../access/access.module';
import { AppConfig } from '../config/app-config';
import { RegistriesModule } from '../registries/registries.module';
import { KeyStore } from './key-store';
import { TokenSigner } from './token-signer';
import { TokenController } from './token.controller';
import { TokenService } from './token.service';

@Module({
  imports: [JwtModule.register({}), AccessModule, RegistriesModule],
  controllers: [TokenController],
  providers: [
    { provide: KeyStore, inject: [AppConfig], useFactory: (config: AppConfig) => KeyStore.load(config) },
    TokenSigner,
    TokenService,
  ],
})
export class TokenModule {}
