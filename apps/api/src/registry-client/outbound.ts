import ipaddr from 'ipaddr.js';
import { type LookupAddress, type LookupAllOptions, lookup as dnsLookup } from 'node:dns';
import { isIP } from 'node:net';
import type { buildConnector } from 'undici';

/** The address a registry's name resolved to, or was written as, is one Portcullis never calls. */
export class DeniedAddressError extends Error {
  readonly code = 'EPORTCULLISDENIED';
  constructor(host: string, address: string) {
    super(`${host === address ? address : `${host} (${address})`} is in a network OUTBOUND_DENY refuses`);
    this.name = 'DeniedAddressError';
  }
}

/** Networks outbound calls never reach (OUTBOUND_DENY): link-local and cloud metadata by default. */
export class OutboundAddressFilter {
  private readonly ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][];

  constructor(cidrs: readonly string[]) {
    this.ranges = cidrs.map((cidr) => ipaddr.parseCIDR(cidr));
  }

  /** Whether `address` (an IP literal; IPv4-mapped IPv6 counts as its IPv4) is refused. */
  denies(address: string): boolean {
    if (!ipaddr.isValid(address)) return true;
    const parsed = ipaddr.process(address);
    return this.ranges.some(([network, bits]) => parsed.kind() === network.kind() && parsed.match(network, bits));
  }

  /**
   * An undici connector (made by undici's `buildConnector`, which the caller passes: undici is
   * loaded at the first call to a registry) that checks every address it connects to: IP literals before connecting,
   * names after they resolve (each time, so a name cannot resolve to an allowed address when
   * checked and to a metadata address when used). A name is refused when any of its addresses is.
   */
  connector(build: typeof buildConnector, options: buildConnector.BuildOptions): buildConnector.connector {
    const lookup = (hostname: string, lookupOptions: LookupAllOptions, callback: LookupCallback): void => {
      dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses: LookupAddress[]) => {
        if (error) return callback(error, []);
        const denied = addresses.find((a) => this.denies(a.address));
        if (denied) return callback(new DeniedAddressError(hostname, denied.address), []);
        if (lookupOptions.all) return callback(null, addresses);
        const [first] = addresses;
        return (callback as unknown as (e: null, address: string, family: number) => void)(
          null,
          first!.address,
          first!.family,
        );
      });
    };
    const connect = build({ ...options, lookup } as buildConnector.BuildOptions);
    return (target, callback) => {
      const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
      if (isIP(host) !== 0 && this.denies(host)) {
        callback(new DeniedAddressError(host, host), null);
        return;
      }
      connect(target, callback);
    };
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void;
