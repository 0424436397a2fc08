import { freshRead } from './fresh-read';

/** A read that counts its starts and ends when told to. */
function controlledRead() {
  const pending: ((value: number) => void)[] = [];
  let started = 0;
  const read = () => {
    started += 1;
    return new Promise<number>((resolve) => pending.push(resolve));
  };
  const finish = async (value: number) => {
    pending.shift()!(value);
    await new Promise((r) => setImmediate(r));
  };
  return { read, finish, started: () => started };
}

describe('freshRead', () => {
  it('starts one read, and one more for every caller that arrived while it ran, shared', async () => {
    const { read, finish, started } = controlledRead();
    const fresh = freshRead(read);
    const first = fresh();
    const second = fresh();
    const third = fresh();
    expect(started()).toBe(1);
    await finish(1);
    expect(await first).toBe(1);
    expect(started()).toBe(2);
    await finish(2);
    expect([await second, await third]).toEqual([2, 2]);
    const later = fresh();
    expect(started()).toBe(3);
    await finish(3);
    expect(await later).toBe(3);
  });

  it('gives a failed read to its callers and still reads for those waiting', async () => {
    let calls = 0;
    const fresh = freshRead(() => {
      calls += 1;
      return calls === 1 ? Promise.reject(new Error('down')) : Promise.resolve(calls);
    });
    const first = fresh();
    const second = fresh();
    await expect(first).rejects.toThrow('down');
    expect(await second).toBe(2);
  });
});
