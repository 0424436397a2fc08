import { Attribute, Change, Client } from 'ldapts';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@portcullis/api';

const run = promisify(execFile);

export const SLAPD_BINARY = process.env.PORTCULLIS_TEST_SLAPD_BINARY ?? '/usr/sbin/slapd';
export const SLAPADD_BINARY = process.env.PORTCULLIS_TEST_SLAPADD_BINARY ?? '/usr/sbin/slapadd';

export const LDAP_BASE_DN = 'dc=example,dc=org';
const ADMIN_DN = `cn=admin,${LDAP_BASE_DN}`;
const PEOPLE = `ou=people,${LDAP_BASE_DN}`;
const GROUPS = `ou=groups,${LDAP_BASE_DN}`;

export interface LdapUser {
  readonly uid: string;
  readonly password: string;
  readonly mail?: string;
}

/** A real OpenLDAP (Debian's slapd) of the test's own: its own data directory, a free loopback port. */
export interface LdapServer {
  readonly url: string;
  readonly port: number;
  /** With `tls`: the LDAPS URL, and the PEM file of the CA that signed the server's certificate. */
  readonly ldapsUrl: string | undefined;
  readonly caFile: string | undefined;
  readonly baseDn: string;
  /** Portcullis's search account (read-only on the tree). */
  readonly bindDn: string;
  readonly bindPassword: string;
  userDn(uid: string): string;
  groupDn(cn: string): string;
  addUser(user: LdapUser): Promise<void>;
  /** Creates the group, or sets its members. */
  setGroup(cn: string, members: readonly string[]): Promise<void>;
  /** Locks (or unlocks) the account with OpenLDAP's password policy: binds as it are refused. */
  lock(uid: string, locked?: boolean): Promise<void>;
  deleteUser(uid: string): Promise<void>;
  /** Freezes the server (SIGSTOP): connections are accepted by the kernel, nothing answers. */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

function slapdConf(dir: string, tls: boolean, anonymousSearch: boolean): string {
  const certificates = tls
    ? `TLSCACertificateFile ${dir}/ca.pem
TLSCertificateFile ${dir}/server.pem
TLSCertificateKeyFile ${dir}/server.key
`
    : '';
  return `${certificates}include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
modulepath /usr/lib/ldap
moduleload back_mdb
moduleload memberof
moduleload ppolicy
pidfile ${dir}/slapd.pid
argsfile ${dir}/slapd.args
database mdb
maxsize 67108864
suffix "${LDAP_BASE_DN}"
rootdn "${ADMIN_DN}"
rootpw admin-secret
directory ${dir}/db
access to attrs=userPassword by self write by anonymous auth by * none
access to * by dn.exact="cn=portcullis,${LDAP_BASE_DN}" read by self read by * ${anonymousSearch ? 'read' : 'none'}
overlay memberof
memberof-refint TRUE
overlay ppolicy
ppolicy_default "cn=default,ou=policies,${LDAP_BASE_DN}"
`;
}

const BASE_LDIF = `dn: ${LDAP_BASE_DN}
objectClass: dcObject
objectClass: organization
dc: example
o: Example

dn: cn=portcullis,${LDAP_BASE_DN}
objectClass: organizationalRole
objectClass: simpleSecurityObject
cn: portcullis
userPassword: portcullis-search

dn: ${PEOPLE}
objectClass: organizationalUnit
ou: people

dn: ${GROUPS}
objectClass: organizationalUnit
ou: groups

dn: ou=policies,${LDAP_BASE_DN}
objectClass: organizationalUnit
ou: policies
`;

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(500);
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** A CA and a certificate it signs for 127.0.0.1 (openssl), for LDAPS and StartTLS. */
async function writeCertificates(dir: string): Promise<void> {
  const openssl = (...args: string[]) => run('openssl', args, { cwd: dir });
  await openssl(
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=Portcullis test CA',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
  );
  await openssl(
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-subj',
    '/CN=127.0.0.1',
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
  );
  await writeFile(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  await openssl(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    'server.ext',
    '-out',
    'server.pem',
  );
}

/** `tls`: also LDAPS and StartTLS; `anonymousSearch`: anyone may read the tree (never passwords). */
export async function startLdap(options: { tls?: boolean; anonymousSearch?: boolean } = {}): Promise<LdapServer> {
  const tls = options.tls ?? false;
  const dir = await mkdtemp(join(tmpdir(), 'portcullis-slapd-'));
  await mkdir(join(dir, 'db'));
  if (tls) await writeCertificates(dir);
  await writeFile(join(dir, 'slapd.conf'), slapdConf(dir, tls, options.anonymousSearch ?? false));
  await writeFile(join(dir, 'base.ldif'), BASE_LDIF);
  await run(SLAPADD_BINARY, ['-f', join(dir, 'slapd.conf'), '-l', join(dir, 'base.ldif')]);
  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  const ldapsUrl = tls ? `ldaps://127.0.0.1:${await freePort()}` : undefined;
  const listen = ldapsUrl === undefined ? `${url}/` : `${url}/ ${ldapsUrl}/`;
  // -d 0: stays in the foreground (a child of the test), logging nothing.
  const child: ChildProcess = spawn(SLAPD_BINARY, ['-d', '0', '-h', listen, '-f', join(dir, 'slapd.conf')], {
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; !(await answers(port)); i++) {
    if (i > 100 || child.exitCode !== null) {
      child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
      throw new Error(`${SLAPD_BINARY} did not start on port ${port}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const admin = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ url, timeout: 5000, connectTimeout: 5000 });
    try {
      await client.bind(ADMIN_DN, 'admin-secret');
      return await work(client);
    } finally {
      await client.unbind().catch(() => undefined);
    }
  };
  await admin((client) =>
    client.add(`cn=default,ou=policies,${LDAP_BASE_DN}`, {
      objectClass: ['organizationalRole', 'pwdPolicy'],
      cn: 'default',
      pwdAttribute: 'userPassword',
      pwdLockout: 'TRUE',
    }),
  );
  const userDn = (uid: string) => `uid=${uid},${PEOPLE}`;
  const groupDn = (cn: string) => `cn=${cn},${GROUPS}`;
  return {
    url,
    port,
    ldapsUrl,
    caFile: tls ? join(dir, 'ca.pem') : undefined,
    baseDn: LDAP_BASE_DN,
    bindDn: `cn=portcullis,${LDAP_BASE_DN}`,
    bindPassword: 'portcullis-search',
    userDn,
    groupDn,
    addUser: (user) =>
      admin((client) =>
        client.add(userDn(user.uid), {
          objectClass: ['inetOrgPerson'],
          uid: user.uid,
          cn: user.uid,
          sn: user.uid,
          userPassword: user.password,
          ...(user.mail === undefined ? {} : { mail: user.mail }),
        }),
      ),
    setGroup: (cn, members) =>
      admin(async (client) => {
        // groupOfNames needs a member: an empty group keeps its own DN as one (a common convention).
        const member = members.length === 0 ? [groupDn(cn)] : members.map(userDn);
        const exists = await client
          .search(groupDn(cn), { scope: 'base' })
          .then(() => true)
          .catch(() => false);
        if (!exists) {
          await client.add(groupDn(cn), { objectClass: ['groupOfNames'], cn, member });
          return;
        }
        await client.modify(
          groupDn(cn),
          new Change({ operation: 'replace', modification: new Attribute({ type: 'member', values: member }) }),
        );
      }),
    lock: (uid, locked = true) =>
      admin((client) =>
        client.modify(
          userDn(uid),
          locked
            ? new Change({
                operation: 'replace',
                modification: new Attribute({ type: 'pwdAccountLockedTime', values: ['000001010000Z'] }),
              })
            : new Change({ operation: 'delete', modification: new Attribute({ type: 'pwdAccountLockedTime' }) }),
        ),
      ),
    deleteUser: (uid) => admin((client) => client.del(userDn(uid))),
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
    async stop() {
      child.kill('SIGCONT');
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
