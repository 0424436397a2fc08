import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import { KeyStore } from './key-store';
import { SigningKeysRepository } from './signing-keys.repository';
import { TokenSigner } from './token-signer';
import { TokenVerifier } from './token-verifier';

/** The token signing key and signer, shared by the token endpoint and discovery's own tokens. */
@Module({
  imports: [JwtModule.register({})],
  providers: [
    SigningKeysRepository,
    {
      provide: KeyStore,
      inject: [AppConfig, SigningKeysRepository],
      useFactory: (config: AppConfig, keys: SigningKeysRepository) => KeyStore.load(config, keys),
    },
    TokenSigner,
    TokenVerifier,
  ],
  exports: [KeyStore, TokenSigner, TokenVerifier],
})
export class SigningModule {}
