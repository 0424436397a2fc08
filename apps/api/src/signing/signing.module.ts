import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import { KeyStore } from './key-store';
import { TokenSigner } from './token-signer';
import { TokenVerifier } from './token-verifier';

/** The token signing key and signer, shared by the token endpoint and discovery's own tokens. */
@Module({
  imports: [JwtModule.register({})],
  providers: [
    { provide: KeyStore, inject: [AppConfig], useFactory: (config: AppConfig) => KeyStore.load(config) },
    TokenSigner,
    TokenVerifier,
  ],
  exports: [KeyStore, TokenSigner, TokenVerifier],
})
export class SigningModule {}
