import { type LdapConnection, LdapPool } from './ldap-pool';

/** A stand-in connection: what the pool reads of one (pure pool logic, no directory). */
function fakeConnection(id: number): LdapConnection & { closed: boolean; id: number } {
  const connection = { id, closed: false, usable: true, binding: 'none' } as unknown as LdapConnection & {
    closed: boolean;
    id: number;
  };
  (connection as unknown as { close: () => void }).close = () => {
    connection.closed = true;
  };
  return connection;
}

describe('LdapPool', () => {
  const far = () => Date.now() + 60_000;

  it('should open at most its size, reuse what comes back, and make the others wait', async () => {
    const made: ReturnType<typeof fakeConnection>[] = [];
    const pool = new LdapPool(2, () => {
      const c = fakeConnection(made.length + 1);
      made.push(c);
      return c;
    });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const used: number[] = [];
    const first = pool.use(far(), async (c) => {
      used.push((c as unknown as { id: number }).id);
      await held;
    });
    const second = pool.use(far(), async (c) => {
      used.push((c as unknown as { id: number }).id);
      await held;
    });
    const third = pool.use(far(), (c) => {
      used.push((c as unknown as { id: number }).id);
      return Promise.resolve();
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(made).toHaveLength(2);
    expect(used).toEqual([1, 2]);
    release();
    await Promise.all([first, second, third]);
    expect(made).toHaveLength(2);
    expect(used).toHaveLength(3);
    expect([1, 2]).toContain(used[2]);
  });

  it('should close a connection whose work failed, and open a new one for the next', async () => {
    const made: ReturnType<typeof fakeConnection>[] = [];
    const pool = new LdapPool(1, () => {
      const c = fakeConnection(made.length + 1);
      made.push(c);
      return c;
    });
    await expect(pool.use(far(), () => Promise.reject(new Error('reset')))).rejects.toThrow('reset');
    expect(made[0]!.closed).toBe(true);
    await pool.use(far(), () => Promise.resolve());
    expect(made).toHaveLength(2);
    expect(made[1]!.closed).toBe(false);
  });

  it('should hand a waiter a fresh connection when the one it waited for broke', async () => {
    const made: ReturnType<typeof fakeConnection>[] = [];
    const pool = new LdapPool(1, () => {
      const c = fakeConnection(made.length + 1);
      made.push(c);
      return c;
    });
    let fail!: () => void;
    const failing = pool.use(far(), () => new Promise<void>((_, reject) => (fail = () => reject(new Error('broken')))));
    const waiting = pool.use(far(), (c) => Promise.resolve((c as unknown as { id: number }).id));
    await new Promise((resolve) => setImmediate(resolve));
    fail();
    await expect(failing).rejects.toThrow('broken');
    expect(await waiting).toBe(2);
  });

  it('should not run work whose caller gave up waiting for a connection', async () => {
    const pool = new LdapPool(1, () => fakeConnection(1));
    let release!: () => void;
    const busy = pool.use(far(), () => new Promise<void>((resolve) => (release = resolve)));
    const ran = jest.fn<Promise<void>, []>(() => Promise.resolve());
    const late = pool.use(Date.now() + 10, ran);
    await new Promise((resolve) => setTimeout(resolve, 30));
    release();
    await busy;
    await expect(late).rejects.toThrow('no directory connection was free in time');
    expect(ran).not.toHaveBeenCalled();
  });

  it('should close idle connections when it closes', async () => {
    const made: ReturnType<typeof fakeConnection>[] = [];
    const pool = new LdapPool(2, () => {
      const c = fakeConnection(made.length + 1);
      made.push(c);
      return c;
    });
    await pool.use(far(), () => Promise.resolve());
    pool.close();
    expect(made[0]!.closed).toBe(true);
  });
});
