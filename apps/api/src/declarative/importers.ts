import { parse } from 'yaml';
import { isAddressableName } from '@portcullis/domain';
import { isBcryptHash } from '../identity/credentials/password-hasher';
import type { DeclarativeConfig, RuleDeclaration, UserDeclaration } from './declarative-config.dto';
import { DeclarativeConfigError } from './declarative-config.parser';

/**
 * An htpasswd file (`name:hash` lines, as `htpasswd -B` writes them) as a declarative document.
 * Only bcrypt entries can be checked later; others are refused with their line number.
 */
export function htpasswdToConfig(text: string): DeclarativeConfig {
  const users: UserDeclaration[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const colon = line.indexOf(':');
    const name = line.slice(0, colon);
    const hash = line.slice(colon + 1);
    if (colon <= 0 || !isAddressableName(name))
      problems.push(`line ${i + 1}: "${name.slice(0, 40)}" is not a valid user name (not all digits)`);
    else if (!isBcryptHash(hash)) problems.push(`line ${i + 1}: ${name} is not bcrypt-hashed (use htpasswd -B)`);
    else users.push(Object.assign({} as UserDeclaration, { name, passwordHash: hash }));
  });
  if (problems.length > 0) throw new DeclarativeConfigError(problems);
  return { users };
}

const DOCKER_AUTH_PLACEHOLDER = /\$\{([a-z]+)(?::[^}]*)?\}/g;

/** docker_auth's regexes match substrings; ours are anchored, so the conversion keeps its meaning. */
function pattern(value: unknown, path: string, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    problems.push(`${path}: must be a string`);
    return undefined;
  }
  for (const [, name] of value.matchAll(DOCKER_AUTH_PLACEHOLDER)) {
    if (name !== 'account' && name !== 'service')
      problems.push(`${path}: the placeholder \${${name}} has no Portcullis equivalent`);
  }
  if (value.length >= 2 && value.startsWith('/') && value.endsWith('/')) return `/.*(?:${value.slice(1, -1)}).*/`;
  return value;
}

/** docker_auth's static `users` and `acl` as a declarative document (users and rules). */
export function dockerAuthToConfig(text: string): DeclarativeConfig {
  let document: unknown;
  try {
    document = parse(text, { uniqueKeys: true });
  } catch (error) {
    throw new DeclarativeConfigError([
      `YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    ]);
  }
  const root = (typeof document === 'object' && document !== null ? document : {}) as Record<string, unknown>;
  const problems: string[] = [];
  const users: UserDeclaration[] = [];
  const staticUsers = (root.users ?? {}) as Record<string, { password?: unknown }>;
  for (const [name, entry] of Object.entries(staticUsers)) {
    if (name === '') continue; // docker_auth's anonymous entry: anonymous access is a registry setting here.
    const hash = entry?.password;
    if (!isAddressableName(name)) problems.push(`users.${name}: not a valid user name (not all digits)`);
    else if (typeof hash !== 'string' || !isBcryptHash(hash))
      problems.push(`users.${name}.password: must be a bcrypt hash`);
    else users.push(Object.assign({} as UserDeclaration, { name, passwordHash: hash }));
  }
  const rules: RuleDeclaration[] = [];
  const acl = root.acl ?? [];
  if (!Array.isArray(acl)) problems.push('acl: must be a list');
  (Array.isArray(acl) ? acl : []).forEach((entry: Record<string, unknown>, i: number) => {
    const path = `acl[${i}]`;
    const match = (entry?.match ?? {}) as Record<string, unknown>;
    for (const key of Object.keys(match)) {
      if (!['account', 'type', 'name', 'service', 'ip'].includes(key))
        problems.push(`${path}.match.${key}: has no Portcullis equivalent`);
    }
    const converted: Record<string, string> = {};
    if (match.account === '') converted.kind = 'anonymous';
    else {
      const account = pattern(match.account, `${path}.match.account`, problems);
      if (account !== undefined) converted.account = account;
    }
    for (const key of ['type', 'name', 'service'] as const) {
      const value = pattern(match[key], `${path}.match.${key}`, problems);
      if (value !== undefined) converted[key] = value;
    }
    if (typeof match.ip === 'string') converted.ip = match.ip;
    const actions = entry?.actions;
    if (!Array.isArray(actions) || !actions.every((a) => typeof a === 'string')) {
      problems.push(`${path}.actions: must be a list of actions`);
      return;
    }
    rules.push(
      Object.assign({} as RuleDeclaration, {
        match: converted,
        actions,
        ...(typeof entry.comment === 'string' ? { comment: entry.comment.slice(0, 500) } : {}),
      }),
    );
  });
  if (problems.length > 0) throw new DeclarativeConfigError(problems);
  // Without an `acl`, the rules in place (a configuration file's among them) stay as they are.
  return root.acl === undefined ? { users } : { users, rules };
}
