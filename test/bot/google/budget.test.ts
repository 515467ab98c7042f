import { SheetsBudget } from '../../../bot/src/google/budget';

const tooMany = (): Error => Object.assign(new Error('Quota exceeded'), { response: { status: 429, headers: {} } });

describe('Sheets request budget', () => {
  it('lets no more than the per-minute limit start in any minute, reads and writes apart', async () => {
    let now = 0;
    const starts: { kind: string; at: number }[] = [];
    const budget = new SheetsBudget({ readsPerMinute: 3, writesPerMinute: 2, clock: () => now, sleep: async (ms) => { now += ms; } });
    for (let i = 0; i < 7; i += 1) await budget.run('read', async () => starts.push({ kind: 'read', at: now }));
    for (let i = 0; i < 3; i += 1) await budget.run('write', async () => starts.push({ kind: 'write', at: now }));
    for (const kind of ['read', 'write']) {
      const times = starts.filter((start) => start.kind === kind).map((start) => start.at);
      const limit = kind === 'read' ? 3 : 2;
      for (const t of times) expect(times.filter((u) => u >= t && u < t + 60_000).length).toBeLessThanOrEqual(limit);
    }
    expect(budget.used).toEqual({ read: 7, write: 3 });
  });

  it('waits a full minute after a 429, then sends the same call again', async () => {
    let now = 0;
    const waits: number[] = [];
    const budget = new SheetsBudget({ clock: () => now, sleep: async (ms) => { waits.push(ms); now += ms; } });
    let calls = 0;
    const result = await budget.run('write', async () => {
      calls += 1;
      if (calls < 3) throw tooMany();
      return 'done';
    });
    expect(result).toBe('done');
    expect(waits.filter((ms) => ms >= 60_000)).toHaveLength(2);
    expect(budget.throttled.write).toBe(2);
  });

  it('gives up after its last wait and passes other errors straight through', async () => {
    let now = 0;
    const budget = new SheetsBudget({ maxWaits: 1, clock: () => now, sleep: async (ms) => { now += ms; } });
    await expect(budget.run('read', async () => { throw tooMany(); })).rejects.toThrow('Quota exceeded');
    let calls = 0;
    await expect(budget.run('read', async () => {
      calls += 1;
      throw Object.assign(new Error('boom'), { status: 500 });
    })).rejects.toThrow('boom');
    expect(calls).toBe(1);
  });
});
