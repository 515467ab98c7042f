import { RateLimiter } from '../../../bot/src/io/rate-limit';

describe('RateLimiter', () => {
  it('lets a burst through, then paces calls to the rate', async () => {
    let now = 0;
    const waits: number[] = [];
    const limiter = new RateLimiter(60, 2, () => now, async (ms) => {
      waits.push(ms);
      now += ms;
    });
    const times: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      await limiter.take();
      times.push(now);
    }
    expect(times).toEqual([0, 0, 1000, 2000, 3000]);
    expect(waits.every((ms) => ms === 1000)).toBe(true);
  });

  it('does nothing when the limit is off', async () => {
    const limiter = new RateLimiter(0, 1, () => 0, async () => {
      throw new Error('should not wait');
    });
    await Promise.all([limiter.take(), limiter.take(), limiter.take()]);
  });
});
