import type { TestingModule } from '@nestjs/testing';
import { TestDatabase, createTestDatabase, decodeJwt } from '@portcullis/testing';
import { AccessGeneration } from '../cluster/access-generation';
import { GroupsService } from '../identity/groups/groups.service';
import { UsersService } from '../identity/users/users.service';
import { PolicyService } from '../policy/policy.service';
import { RulesService } from '../policy/rules/rules.service';
import { RegistriesRepository } from '../registries/registries.repository';
import { serviceTestingModule } from '../testing-module';
import { parseGetTokenRequest } from './token-request.parser';
import { TokenError } from './token.error';
import { TokenModule } from './token.module';
import { TokenService } from './token.service';

/** TokenService on a real database: the decisions it keeps per login, and when it decides anew. */
describe(TokenService.name, () => {
  let db: TestDatabase;
  let module: TestingModule;
  let tokens: TokenService;
  let generation: AccessGeneration;

  const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  /** A token for carol, with `scope`, from one address. */
  const issue = async (scope: string, service = 't.test') => {
    const request = parseGetTokenRequest({
      query: { service, scope },
      authorization: basic('carol', 'carol-password'),
    });
    const { token } = await tokens.issue(request, { address: '127.0.0.1', userAgent: 'spec' });
    return decodeJwt<{ access: { name: string; actions: string[] }[] }>(token).claims.access;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    module = await serviceTestingModule(db.url, [TokenModule]);
    tokens = module.get(TokenService);
    generation = module.get(AccessGeneration);
    const team = await module.get(GroupsService, { strict: false }).create({ name: 'team' });
    await module.get(UsersService, { strict: false }).create({
      name: 'carol',
      password: 'carol-password',
      privileges: ['DockerRegistriesPuller', 'DockerRegistriesPusher'],
      groups: ['team'],
    });
    await module.get(RegistriesRepository, { strict: false }).create({
      service: 't.test',
      url: 'http://127.0.0.1:9',
      publicationIds: [team.id],
    });
    await generation.changedHere();
  });

  afterAll(async () => {
    await module?.close();
    await db?.drop();
  });

  afterEach(() => jest.restoreAllMocks());

  it('should decide a repeated request of one login once, and another request anew', async () => {
    const decide = jest.spyOn(module.get(PolicyService, { strict: false }), 'decideIn');
    const first = await issue('repository:users/carol/app:pull,push');
    expect(first).toEqual([{ type: 'repository', name: 'users/carol/app', actions: ['pull', 'push'] }]);
    expect(await issue('repository:users/carol/app:pull,push')).toEqual(first);
    expect(decide).toHaveBeenCalledTimes(1);
    await issue('repository:users/carol/other:pull');
    expect(decide).toHaveBeenCalledTimes(2);
  });

  it('should decide anew once the policy changed, with the new rule', async () => {
    const decide = jest.spyOn(module.get(PolicyService, { strict: false }), 'decideIn');
    // Pushing to a shared path takes responsibility for the registry, which carol has not.
    expect(await issue('repository:library/base:pull,push')).toEqual([
      { type: 'repository', name: 'library/base', actions: ['pull'] },
    ]);
    await module.get(RulesService, { strict: false }).create({
      match: { account: 'carol', name: 'library/*' },
      actions: ['pull', 'push'],
    });
    await generation.changedHere();
    expect(await issue('repository:library/base:pull,push')).toEqual([
      { type: 'repository', name: 'library/base', actions: ['pull', 'push'] },
    ]);
    expect(decide).toHaveBeenCalledTimes(2);
  });

  it('should refuse a service no registry declares, before checking the password', async () => {
    const refused = await issue('repository:x:pull', 'nowhere.test').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TokenError);
    expect(refused).toMatchObject({ status: 400 });
  });
});
