import type { Figure } from '../report';
import type { BenchTrawl } from '../trawl/embedded';
import { describeCpu, totalSeconds, type CpuShare } from '../trawl/process-cpu';

/** What a peer's run cost in CPU, or why that is not known. */
export type PeerCpu = { name: string; cpuSeconds: number; units: number; how: string } | { name: string; missing: string };

/**
 * CPU ms per page (or image) of trawl and of its peer, from the runs a throughput figure has just timed.
 * On a shared machine the throughput swings with the others' load; the CPU a unit of work takes hardly does,
 * so this figure shows where trawl stands against the peer when the machine is busy. A cost: the ratio is
 * peer ÷ trawl, above 1 where trawl is cheaper.
 */
export function cpuPerUnitFigure(unit: 'page' | 'image', mode: string, trawl: BenchTrawl, cpu: CpuShare[], units: number, peer: PeerCpu): Figure {
  const plural = `${unit}s`;
  const peerText = 'missing' in peer ? `${peer.name}: ${peer.missing}` : `${peer.name} ${peer.cpuSeconds.toFixed(1)} CPU-s for ${peer.units} ${plural}`;
  console.log(`  CPU: trawl ${describeCpu(cpu)} for ${units} ${plural}; ${peerText}`);
  const notCounted = trawl.servers?.notCounted ?? [];
  return {
    name: `CPU per ${unit}, ${mode}`,
    unit: 'ms',
    trawl: (totalSeconds(cpu) * 1000) / units,
    peer: 'missing' in peer ? peer : { name: peer.name, value: (peer.cpuSeconds * 1000) / peer.units },
    lowerIsBetter: true,
    settings:
      `CPU = user + system time, every thread, children once reaped; trawl: from the first POST until the last task is final, ` +
      `/proc/<pid>/stat of ${cpu.map((share) => share.label).join(', ')}` +
      (notCounted.length > 0 ? `; not counted: ${notCounted.join(', ')}` : '') +
      ('missing' in peer ? '' : `; ${peer.name}: ${peer.how}`) +
      '; the loopback site runs in the bench process, counted on neither side; ratio = peer ÷ trawl',
  };
}
