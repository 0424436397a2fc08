// An open-loop load: requests leave on a fixed schedule (rate per second) whether or not earlier
// ones were answered, and each latency is counted from the time its request was due, not from
// when it could be sent. autocannon is closed-loop (a connection waits for its answer before the
// next request), so a stall of the server holds the senders back and shows in a handful of
// samples instead of in every request that waited ("coordinated omission"); a token server's
// clients do not wait for each other. Written here because autocannon, the load generator the
// bench already uses, has no open-loop mode.
import { Pool } from 'undici';

/** The `p`th percentile of ascending `sorted` (nearest rank). */
export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (n) => Math.round(n * 1000) / 1000;

/**
 * `rate` requests a second to `url` for `durationSeconds`, over up to `connections` connections
 * (enough that a stall of the server queues requests on the server, not here).
 */
export async function openLoad({ url, headers, rate, durationSeconds, connections = 64 }) {
  const target = new URL(url);
  const pool = new Pool(target.origin, { connections, pipelining: 1 });
  const path = target.pathname + target.search;
  // The connections are opened before the clock starts, by as many requests at once (answered,
  // not counted): a pool filling up on demand opens all of them in the run's first milliseconds
  // (every request finds the others' connections busy), and their handshakes and the server's
  // accepting them showed as 50-140 ms on the run's first hundred requests, whatever the server.
  await Promise.all(
    Array.from({ length: connections }, () =>
      pool.request({ method: 'GET', path, headers }).then((response) => response.body.dump()),
    ),
  );
  const total = Math.round(rate * durationSeconds);
  const latencies = new Float64Array(total);
  const statuses = new Map();
  let sent = 0;
  const pending = [];
  const started = performance.now();
  const send = (due) => {
    const index = sent++;
    pending.push(
      pool
        .request({ method: 'GET', path, headers })
        .then(async (response) => {
          await response.body.dump();
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        })
        .catch(() => undefined)
        .finally(() => {
          latencies[index] = performance.now() - due;
        }),
    );
  };
  while (sent < total) {
    const now = performance.now();
    // Every request due by now leaves now (its latency counts from when it was due).
    while (sent < total && started + (sent * 1000) / rate <= now) send(started + (sent * 1000) / rate);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(pending);
  await pool.close();
  const sorted = [...latencies].sort((a, b) => a - b);
  const ok = statuses.get(200) ?? 0;
  return {
    requests: total,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? 0),
    over100ms: sorted.filter((ms) => ms > 100).length,
    ok,
    errors: total - ok,
  };
}
