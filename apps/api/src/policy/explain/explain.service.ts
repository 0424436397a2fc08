import { Injectable } from '@nestjs/common';
import {
  ScopeError,
  type UserIdentity,
  buildRegistryClaims,
  concernsRegistry,
  inAnyGroup,
  parseScopes,
} from '@portcullis/domain';
import { AppError, ErrorCode } from '../../common/app-error';
import { CredentialsService } from '../../identity/credentials/credentials.service';
import { RegistriesRepository, registryPolicyOf } from '../../registries/registries.repository';
import { PolicyService } from '../policy.service';
import { ExplainAccessDto, ExplanationDto } from './explain.dto';

/**
 * "Why was I denied?": runs the same decision as the token endpoint for an identity named by its
 * login, without its secret, and returns the clause behind every requested action.
 */
@Injectable()
export class ExplainService {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly registries: RegistriesRepository,
    private readonly policy: PolicyService,
  ) {}

  async explain(caller: UserIdentity, input: ExplainAccessDto): Promise<ExplanationDto> {
    const registry = await this.registries.findByService(input.service);
    if (!registry)
      throw new AppError(ErrorCode.VALIDATION_FAILED, `service: "${input.service}" is not a declared registry`);
    const policy = registryPolicyOf(registry);
    const self = input.account === caller.name;
    const responsible = inAnyGroup(caller, policy.responsibles);
    // Another account: admins, and a registry's responsibles for the accounts of its audience
    // (declaring a registry of one's own must not open everyone's rights to view).
    const refused = new AppError(
      ErrorCode.FORBIDDEN,
      `Only admins, and responsibles of ${input.service} for accounts of its groups, may explain another account`,
    );
    if (!caller.isAdmin && !self && !responsible) throw refused;
    let scopes;
    try {
      scopes = parseScopes(input.scope);
    } catch (error) {
      if (error instanceof ScopeError) throw new AppError(ErrorCode.VALIDATION_FAILED, `scope: ${error.message}`);
      throw error;
    }
    const identity = await this.credentials.identityByLogin(input.account, input.accessTokenId);
    // To a responsible, an account outside the audience and one that does not exist look alike.
    if (!caller.isAdmin && !self && (!identity || !concernsRegistry(identity, policy))) throw refused;
    if (!identity) {
      throw new AppError(
        ErrorCode.VALIDATION_FAILED,
        input.accessTokenId === undefined
          ? `account: there is no account "${input.account}"`
          : `accessTokenId: ${input.account} has no personal access token ${input.accessTokenId}`,
      );
    }
    const grants = await this.policy.decide(identity, policy, scopes, input.ip);
    const claims = buildRegistryClaims({
      issuer: '',
      subject: '',
      service: policy.service,
      now: 0,
      ttlSeconds: 0,
      jwtId: '',
      grants,
    });
    return {
      account: input.account,
      kind: identity.kind,
      service: policy.service,
      access: claims.access,
      resources: grants.map((g) => ({
        type: g.type,
        ...(g.class === undefined ? {} : { class: g.class }),
        name: g.name,
        requested: [...g.requested],
        granted: [...g.granted],
        decisions: g.decisions.map((d) => ({ ...d })),
      })),
    };
  }
}
