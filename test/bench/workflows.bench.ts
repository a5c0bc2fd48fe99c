// Benchmarks of the workflow layer: the terminal's marker filter on a full `mtx status`, and one marked command round trip on the lab.
import { performance } from 'node:perf_hooks';
import { runVisible } from '../../src/extension/workflows/runVisible';
import { TapeWorkflows } from '../../src/extension/workflows/TapeWorkflows';
import { formatMtxStatus } from '../../src/tape/mtxStatus';
import { MarkerFilter } from '../../src/tape/shellMarker';
import type { BenchFigure } from './BenchFigure';
import { startWorkflowLab } from '../lab/workflows/workflowLab';

function filterThroughput(): number {
  const status = formatMtxStatus({
    device: '/dev/tape/by-path/x-changer',
    drives: Array.from({ length: 10 }, (_, drive) => ({ drive, full: false })),
    slots: Array.from({ length: 3200 }, (_, index) => ({ slot: index + 1, importExport: index >= 1600, full: false })),
  }).replace(/\n/g, '\r\n');
  const filter = new MarkerFilter();
  const started = performance.now();
  for (let i = 0; i < status.length; i += 1024) filter.push(status.slice(i, i + 1024));
  filter.flush();
  return status.length / 1e6 / ((performance.now() - started) / 1000);
}

export async function run(): Promise<BenchFigure[]> {
  const throughput = Array.from({ length: 5 }, filterThroughput);
  const lab = await startWorkflowLab('AL2');
  const session = await lab.openShell();
  const workflows = new TapeWorkflows((command, timeoutMs) => runVisible(session, command, { timeoutMs }), await lab.libraryTargets());
  const roundTrips: number[] = [];
  const statusReads: number[] = [];
  try {
    await workflows.connect([0]);
    for (let i = 0; i < 20; i += 1) {
      const started = performance.now();
      await runVisible(session, 'true');
      roundTrips.push(performance.now() - started);
    }
    for (let i = 0; i < 5; i += 1) {
      const started = performance.now();
      await lab.libraryStatus();
      statusReads.push(performance.now() - started);
    }
  } finally {
    await session.close();
    await lab.close();
  }
  return [
    { name: 'MarkerFilter on a full mtx status (3,200 slots, 1 KiB chunks)', unit: 'MB/s', samples: throughput },
    { name: 'runVisible round trip of `true` over a lab Session Manager session', unit: 'ms', samples: roundTrips },
    { name: 'Library status by the library reader (mtx status | grep -v through Run Command, parsed) on the lab', unit: 'ms', samples: statusReads },
  ];
}
