/** Named spans in the Performance timeline (`dcc:…`), which bench/map.bench.ts reports. */
export function timed<T>(name: string, work: () => T): T {
  const begin = performance.now();
  try {
    return work();
  } finally {
    performance.measure(`dcc:${name}`, { start: begin, end: performance.now() });
  }
}
