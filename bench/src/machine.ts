import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

/** The machine a run was measured on. */
export interface MachineInfo {
  /** Processors available (`nproc`). */
  nproc: number;
  /** `model name` of /proc/cpuinfo (or what Node reports elsewhere). */
  cpuModel: string;
  node: string;
  platform: string;
  memoryGb: number;
  /** 1-minute load average when the run started: other work on the machine skews the numbers. */
  loadAverageAtStart: number;
}

/** Reads the CPU model from /proc/cpuinfo's text; undefined when absent. */
export function cpuModelFrom(cpuinfo: string): string | undefined {
  return /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim();
}

/** Describes this machine. */
export function machineInfo(): MachineInfo {
  let model: string | undefined;
  try {
    model = cpuModelFrom(readFileSync('/proc/cpuinfo', 'utf8'));
  } catch {
    model = undefined;
  }
  return {
    nproc: availableParallelism(),
    cpuModel: model ?? cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    loadAverageAtStart: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}

/** One line: `2 x Intel(R) Xeon(R) Processor, Node v20.20.2, linux x64, 24 GB`. */
export function describeMachine(machine: MachineInfo): string {
  return `${machine.nproc} x ${machine.cpuModel} (nproc ${machine.nproc}), Node ${machine.node}, ${machine.platform}, ${machine.memoryGb} GB, load average ${machine.loadAverageAtStart} at start`;
}
