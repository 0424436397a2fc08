import { loadLater } from './load-later';

describe('loadLater', () => {
  it('should load nothing until the first call, then once for every call', async () => {
    let loads = 0;
    const library = loadLater(() => Promise.resolve({ loaded: ++loads }));
    expect(loads).toBe(0);
    const [first, second] = await Promise.all([library(), library()]);
    expect(await library()).toBe(first);
    expect(second).toBe(first);
    expect(loads).toBe(1);
  });
});
