import { parse } from 'yaml';

/** The `Authorization` header value of the notification endpoint in a generated config.yml. */
export function notificationAuthorizationOf(configYml: string): string {
  const config = parse(configYml) as { notifications: { endpoints: { headers: { Authorization: string[] } }[] } };
  return config.notifications.endpoints[0]!.headers.Authorization[0]!;
}
