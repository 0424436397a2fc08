import { Injectable } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { InstanceSecretsRepository } from '../database/instance-secrets.repository';
import { RegistriesRepository, type RegistryEndpointRow } from './registries.repository';

/**
 * The bearer secret a registry sends with its notifications: `<registry id>.<HMAC>`, derived from an
 * instance-wide key and the registry's key version, so it is never stored and every replica agrees.
 * Bumping the version (rotation) invalidates the previous secret.
 */
@Injectable()
export class NotificationSecrets {
  private key: Promise<Buffer> | undefined;

  constructor(
    private readonly secrets: InstanceSecretsRepository,
    private readonly registries: RegistriesRepository,
  ) {}

  private hmacKey(): Promise<Buffer> {
    this.key ??= this.secrets
      .getOrCreate('notifications-hmac', () => randomBytes(32).toString('base64'))
      .then((value) => Buffer.from(value, 'base64'));
    return this.key;
  }

  async secretFor(registry: { id: number; notificationKeyVersion: number }): Promise<string> {
    const mac = createHmac('sha256', await this.hmacKey())
      .update(`${registry.id}:${registry.notificationKeyVersion}`)
      .digest('base64url');
    return `${registry.id}.${mac}`;
  }

  /**
   * The key Portcullis's own crawler shows the registry's front (X-Portcullis-Discovery) to read
   * the registry's own catalog instead of the filtered one: derived like the notification secret,
   * for another purpose, and rotated with it.
   */
  async discoveryKeyFor(registry: { id: number; notificationKeyVersion: number }): Promise<string> {
    return createHmac('sha256', await this.hmacKey())
      .update(`discovery:${registry.id}:${registry.notificationKeyVersion}`)
      .digest('base64url');
  }

  /** The registry an `Authorization: Bearer …` header stands for, or undefined. */
  async registryOf(authorization: string | undefined): Promise<RegistryEndpointRow | undefined> {
    const match = /^Bearer (\d{1,9})\.([A-Za-z0-9_-]{43})$/.exec(authorization ?? '');
    if (!match) return undefined;
    const registry = await this.registries.endpoint(Number(match[1]));
    if (!registry) return undefined;
    const expected = Buffer.from(await this.secretFor(registry));
    const given = Buffer.from(`${match[1]}.${match[2]}`);
    return expected.length === given.length && timingSafeEqual(expected, given) ? registry : undefined;
  }
}
