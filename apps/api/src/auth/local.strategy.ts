import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import type { UserIdentity } from '@portcullis/domain';
import { CredentialsService } from '../access/credentials.service';

/** Console and API sign-in with a login name and password (passport-local). */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy) {
  constructor(private readonly credentials: CredentialsService) {
    super();
  }

  async validate(username: string, password: string): Promise<UserIdentity> {
    const result = await this.credentials.authenticate(username, password);
    // The console and API sign in people; machines and tokens use their own routes.
    if (!('identity' in result) || result.identity.kind !== 'user' || result.identity.token !== undefined) {
      throw new UnauthorizedException('Wrong user name or password');
    }
    return result.identity;
  }
}
