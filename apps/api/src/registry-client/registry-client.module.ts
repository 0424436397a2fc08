import { Module } from '@nestjs/common';
import { SigningModule } from '../signing/signing.module';
import { RegistryAccess } from './registry-access';

/**
 * Portcullis's own HTTP calls to registries: the client (distribution's API, manifests), the
 * outbound address filter, and `RegistryAccess`, which alone hands out clients carrying tokens
 * Portcullis signs for itself, and only for approved endpoints.
 */
@Module({
  imports: [SigningModule],
  providers: [RegistryAccess],
  exports: [RegistryAccess],
})
export class RegistryClientModule {}
