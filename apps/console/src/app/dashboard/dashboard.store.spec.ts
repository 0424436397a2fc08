import { sumActivity } from './dashboard.store';

describe('sumActivity', () => {
  it('should add registries day by day', () => {
    const a = [
      { day: '2026-11-22', pushes: 1, pulls: 5 },
      { day: '2026-11-23', pushes: 0, pulls: 2 },
    ];
    const b = [
      { day: '2026-11-22', pushes: 2, pulls: 0 },
      { day: '2026-11-23', pushes: 3, pulls: 1 },
    ];
    expect(sumActivity([a, b])).toEqual([
      { day: '2026-11-22', pushes: 3, pulls: 5 },
      { day: '2026-11-23', pushes: 3, pulls: 3 },
    ]);
  });

  it('should give nothing for no registry', () => {
    expect(sumActivity([])).toEqual([]);
  });
});
