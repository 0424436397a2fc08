import { Filter } from 'ldapts';

/**
 * A configured filter with its placeholders (`{login}`, `{dn}`) replaced by RFC 4515-escaped values,
 * so that no login name can change the filter's meaning (`*`, `(`, `)`, `\`, NUL).
 */
export function filterOf(template: string, values: { readonly login: string; readonly dn?: string }): string {
  return template.replace(/\{(login|dn)\}/g, (_, name: 'login' | 'dn') => Filter.escape(values[name] ?? ''));
}

const HEX_PAIR = /^[0-9A-Fa-f]{2}$/;

/**
 * The value of a DN's first RDN when its attribute is `attribute` (`cn=Devs\, EU,ou=groups,…` →
 * `Devs, EU`); undefined when the first RDN names another attribute or is multi-valued. RFC 4514
 * escapes (`\,`, `\+`, `\"`, `\\`, `\XX` hex bytes, UTF-8) are undone. ldapts builds DNs but parses
 * none, and memberOf values are DNs: this reads only the part Portcullis needs.
 */
export function firstRdnValue(dn: string, attribute: string): string | undefined {
  const equals = dn.indexOf('=');
  if (equals <= 0 || dn.slice(0, equals).trim().toLowerCase() !== attribute.toLowerCase()) return undefined;
  const bytes: number[] = [];
  for (let i = equals + 1; i < dn.length; i++) {
    const c = dn[i]!;
    if (c === ',' || c === ';') break;
    if (c === '+') return undefined;
    if (c === '\\') {
      const pair = dn.slice(i + 1, i + 3);
      if (HEX_PAIR.test(pair)) {
        bytes.push(parseInt(pair, 16));
        i += 2;
        continue;
      }
      const next = dn[i + 1];
      if (next === undefined) return undefined;
      bytes.push(...Buffer.from(next, 'utf8'));
      i += 1;
      continue;
    }
    bytes.push(...Buffer.from(c, 'utf8'));
  }
  const value = Buffer.from(bytes).toString('utf8').trim();
  return value === '' ? undefined : value;
}

/** An attribute's first value as text (ldapts gives a string, a Buffer or an array of either). */
export function firstValue(value: unknown): string | undefined {
  const one = Array.isArray(value) ? (value as unknown[])[0] : value;
  if (typeof one === 'string') return one;
  if (Buffer.isBuffer(one)) return one.toString('utf8');
  return undefined;
}

/** Every value of an attribute as text. */
export function allValues(value: unknown): string[] {
  const values = Array.isArray(value) ? (value as unknown[]) : value === undefined ? [] : [value];
  return values.map(firstValue).filter((v): v is string => v !== undefined);
}
