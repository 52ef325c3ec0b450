import { describe, expect, it } from 'vitest';
import { cpuModelFrom, describeMachine, machineInfo } from './machine.js';

describe('machine', () => {
  it('reads the CPU model from /proc/cpuinfo text', () => {
    expect(cpuModelFrom('processor\t: 0\nmodel name\t: Intel(R) Xeon(R) Processor\nflags\t: fpu\n')).toBe(
      'Intel(R) Xeon(R) Processor',
    );
    expect(cpuModelFrom('processor: 0')).toBeUndefined();
  });

  it('describes this machine', () => {
    const machine = machineInfo();
    expect(machine.nproc).toBeGreaterThan(0);
    expect(machine.node).toBe(process.version);
    expect(describeMachine(machine)).toContain(`Node ${process.version}`);
  });
});
