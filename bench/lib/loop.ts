/** Runs `one` over `jobs` with `concurrency` at once (a closed loop); per-request latencies (ms) and errors. */
export async function closedLoop<T>(jobs: T[], one: (job: T) => Promise<string | null>, concurrency = 8): Promise<{ ms: number; latencies: number[]; errors: string[] }> {
  const latencies: number[] = [];
  const errors: string[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++];
        const s = performance.now();
        const error = await one(job);
        latencies.push(performance.now() - s);
        if (error) errors.push(error);
      }
    }),
  );
  return { ms: performance.now() - t0, latencies, errors };
}
