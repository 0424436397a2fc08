import { plainToInstance } from 'class-transformer';
import { type ValidationError, validateSync } from 'class-validator';
import { parseDocument } from 'yaml';
import { repositoryPatternProblem } from '@portcullis/domain';
import { AppError, ErrorCode } from '../common/app-error';
import { fieldPath } from '../common/validation';
import { isSupportedHash } from '../identity/credentials/password-hasher';
import { validateRuleMatch } from '../policy/rules/rule-validation';
import { DeclarativeConfig } from './declarative-config.dto';

/** A configuration document that does not validate: every problem, each naming its field's path. */
export class DeclarativeConfigError extends AppError {
  constructor(readonly problems: string[]) {
    super(ErrorCode.VALIDATION_FAILED, `The configuration does not validate: ${problems.join('; ')}`);
    this.name = 'DeclarativeConfigError';
  }
}

function problemsOf(errors: readonly ValidationError[], path = ''): string[] {
  return errors.flatMap((error) => {
    const here = fieldPath(path, error.property);
    const own = Object.values(error.constraints ?? {}).map((message) => {
      const text = message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message;
      return `${here}: ${text}`;
    });
    return [...own, ...problemsOf(error.children ?? [], here)];
  });
}

function duplicates(
  items: readonly { name?: string; service?: string }[] | undefined,
  list: string,
  key: 'name' | 'service',
): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  (items ?? []).forEach((item, i) => {
    const value = item[key];
    if (value === undefined) return;
    if (seen.has(value)) problems.push(`${list}[${i}].${key}: "${value}" is declared twice`);
    seen.add(value);
  });
  return problems;
}

/** Checks that need no database: shapes, duplicates, hashes, patterns. */
function checkDocument(config: DeclarativeConfig): string[] {
  const problems = [
    ...duplicates(config.groups, 'groups', 'name'),
    ...duplicates(config.users, 'users', 'name'),
    ...duplicates(config.apps, 'apps', 'name'),
    ...duplicates(config.registries, 'registries', 'service'),
    ...duplicates(config.services, 'services', 'name'),
    ...duplicates(config.robots, 'robots', 'name'),
  ];
  config.users?.forEach((u, i) => {
    if (u.password !== undefined && u.passwordHash !== undefined)
      problems.push(`users[${i}]: give password or passwordHash, not both`);
    if (u.passwordHash !== undefined && !isSupportedHash(u.passwordHash)) {
      problems.push(`users[${i}].passwordHash: must be an argon2id or bcrypt ($2y$, $2a$, $2b$) hash`);
    }
  });
  for (const [list, items] of [
    ['services', config.services],
    ['robots', config.robots],
  ] as const) {
    items?.forEach((s, i) => {
      if (s.secret !== undefined && s.secretHash !== undefined)
        problems.push(`${list}[${i}]: give secret or secretHash, not both`);
      if (s.secretHash !== undefined && !isSupportedHash(s.secretHash)) {
        problems.push(`${list}[${i}].secretHash: must be an argon2id or bcrypt hash`);
      }
    });
  }
  const pattern = (value: string, path: string) => {
    const problem = repositoryPatternProblem(value);
    if (problem) problems.push(`${path}: ${problem}`);
  };
  config.robots?.forEach((r, i) =>
    r.permissions.forEach((p, j) => pattern(p.repositories, `robots[${i}].permissions[${j}].repositories`)),
  );
  config.registries?.forEach((r, i) =>
    r.anonymousPull?.forEach((p, j) => pattern(p, `registries[${i}].anonymousPull[${j}]`)),
  );
  config.rules?.forEach((rule, i) => {
    try {
      validateRuleMatch(rule.match, `rules[${i}].match`);
    } catch (error) {
      if (error instanceof AppError) problems.push(error.message);
      else throw error;
    }
  });
  return problems;
}

/**
 * Parses and validates a portcullis.yaml document. Unknown fields, wrong types and the checks
 * above are all reported at once, each with its path (`users[0].privileges[1]`).
 */
export function parseDeclarativeConfig(text: string): DeclarativeConfig {
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (document.errors.length > 0) {
    throw new DeclarativeConfigError(document.errors.map((e) => `YAML: ${e.message.split('\n')[0]}`));
  }
  let plain: unknown;
  try {
    // Aliases that expand beyond 100 nodes each are refused (a "billion laughs" document).
    plain = document.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    throw new DeclarativeConfigError([`YAML: ${error instanceof Error ? error.message : 'unreadable'}`]);
  }
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    throw new DeclarativeConfigError(['the document must be a mapping (groups:, users:, …)']);
  }
  const config = plainToInstance(DeclarativeConfig, plain);
  const errors = validateSync(config, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  const problems = errors.length > 0 ? problemsOf(errors) : checkDocument(config);
  if (problems.length > 0) throw new DeclarativeConfigError(problems);
  return config;
}
