import { parse } from 'yaml';

/** The `Authorization` header value of the notification endpoint in a generated config.yml. */
export function notificationAuthorizationOf(configYml: string): string {
  const config = parse(configYml) as { notifications: { endpoints: { headers: { Authorization: string[] } }[] } };
  return config.notifications.endpoints[0]!.headers.Authorization[0]!;
}

/** A manifest push event as the registry sends it (only the fields Portcullis reads). */
export function pushEvent(id: string, repository: string, tag: string, digest: string, size?: number) {
  return {
    id,
    action: 'push',
    target: {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest,
      repository,
      tag,
      ...(size === undefined ? {} : { size }),
    },
  };
}

/** Posts a notification envelope as the registry would. */
export function notify(portcullisUrl: string, authorization: string, events: unknown[]): Promise<Response> {
  return fetch(`${portcullisUrl}/registry/events`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/vnd.docker.distribution.events.v1+json' },
    body: JSON.stringify({ events }),
  });
}
