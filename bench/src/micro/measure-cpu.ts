/** CPU and wall time of one operation, averaged over many runs. */
export interface OperationCost {
  name: string;
  runs: number;
  /** CPU time (user + system) per run, microseconds. */
  cpuMicros: number;
  /** Wall time per run, microseconds. */
  wallMicros: number;
}

/**
 * Runs `operation` `warmup` times, then `runs` times one after the other, and reports the CPU and
 * wall time per run. CPU time is what other load on the machine skews least.
 */
export async function measureOperation(
  name: string,
  operation: () => unknown,
  options: { runs: number; warmup: number },
): Promise<OperationCost> {
  for (let index = 0; index < options.warmup; index += 1) await operation();
  const cpuFrom = process.cpuUsage();
  const wallFrom = performance.now();
  for (let index = 0; index < options.runs; index += 1) await operation();
  const cpu = process.cpuUsage(cpuFrom);
  const wall = performance.now() - wallFrom;
  const per = (total: number) => Math.round((total / options.runs) * 100) / 100;
  return { name, runs: options.runs, cpuMicros: per(cpu.user + cpu.system), wallMicros: per(wall * 1000) };
}
