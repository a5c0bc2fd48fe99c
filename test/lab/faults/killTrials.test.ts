// kill -9 of the lab CLI at seeded random points during tape writes and API calls (50+ trials, one long sequence on one
// state folder): after every restart the state loads, every tape file acknowledged before the kill reads back exactly,
// and no operation is half-applied; a tape file torn by a kill is read back through the lab after the restart (the file
// acknowledged before it extracts byte-exact, and tar -t of the torn one answers as GNU tar does on the same bytes).
// Replay a failure with FAULT_SEED=<seed printed in the failure>.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startLab } from '../../../src/lab/index';
import { labClients, runShellScript } from './support/awsClients';
import { deployTapeGateway, loginCommands, waitOnline, type TapeGatewayDeployment } from './support/deployTapeGateway';
import { KillTrialModel } from './support/KillTrialModel';
import { LabChild, labBundle } from './support/labChild';
import { leftoverTempFiles } from './support/labStateFiles';
import { faultSeed, seededRandom } from './support/seededRandom';
import { readBackTornFile, runApiLane, runTapeLane, type LaneContext } from './support/killTrialLanes';

const TRIALS = 52;
const SEED = faultSeed(20_261_126);
const TIME_SCALE = '0.001';

let stateDir: string;
let deployment: TapeGatewayDeployment;
let driveBarcode: string;

before(async () => {
  await labBundle();
  stateDir = mkdtempSync(join(tmpdir(), 'lab-kill-'));
  // Prepared once, in-process and stopped cleanly: a deployed stack, an activated gateway, a tape loaded in drive 0.
  const lab = await startLab({ port: 0, stateDir, timeScale: Number(TIME_SCALE) });
  const clients = labClients(lab.endpoint);
  try {
    deployment = await deployTapeGateway(clients, { tapes: 2 });
    const loaded = await runShellScript(clients.ssm, deployment.clientInstanceId, [...loginCommands(deployment), 'sudo mtx -f /dev/sg0 load 1601 0', 'sudo mtx -f /dev/sg0 status']);
    assert.equal(loaded.result.Status, 'Success', loaded.result.StandardErrorContent);
    driveBarcode = /Data Transfer Element 0:Full \(Storage Element \d+ Loaded\):VolumeTag = (\S+)/.exec(loaded.result.StandardOutputContent ?? '')?.[1] ?? '';
    assert.ok(driveBarcode, 'a tape is loaded in drive 0');
  } finally {
    clients.destroy();
    await lab.stop();
  }
});

after(() => {
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

test(`${TRIALS} kill -9 trials during tape writes and API calls lose nothing acknowledged (seed ${SEED})`, async (t) => {
  const random = seededRandom(SEED);
  const model = new KillTrialModel(driveBarcode);
  let writes = 0;
  let tornReadBacks = 0;
  const tornEndings = new Map<string, number>();
  for (let trial = 0; trial < TRIALS; trial += 1) {
    const where = `trial ${trial} (FAULT_SEED=${SEED})`;
    const lab = await LabChild.start(stateDir, ['--time-scale', TIME_SCALE]);
    const clients = labClients(lab.ready.endpoint);
    try {
      // The state loaded: everything acknowledged before the last kill is served again.
      await waitOnline(clients, deployment.clientInstanceId);
      await model.checkOnline(clients, deployment, where);
      const killed = { now: false };
      const context: LaneContext = { clients, deployment, model, random, killed, nextWrite: () => (writes += 1) };
      const ending = await readBackTornFile(context, loginCommands(deployment), where);
      if (ending !== undefined) {
        tornReadBacks += 1;
        tornEndings.set(ending, (tornEndings.get(ending) ?? 0) + 1);
      }
      const acknowledgedBefore = model.acknowledgedTapeWrites;
      const lanes = Promise.allSettled([runTapeLane(context, loginCommands(deployment)), runApiLane(context)]);
      // Every other trial first waits for a tape write to be acknowledged (bounded), so the data path is exercised
      // however slow the machine is; then it aims the kill at tar writing the next one (the tape's data file changes
      // size once that write starts), to tear a tape file. The other trials kill at a random point.
      if (trial % 2 === 1) {
        await waitUntil(() => model.acknowledgedTapeWrites > acknowledgedBefore, 15_000);
        const sizeBefore = mediaDataSize(stateDir, driveBarcode);
        await waitUntil(() => model.pendingWrite !== undefined && mediaDataSize(stateDir, driveBarcode) !== sizeBefore, 15_000, 1);
      } else await new Promise((resolveDelay) => setTimeout(resolveDelay, random.int(10, 250)));
      killed.now = true;
      await lab.kill9();
      for (const outcome of await lanes) if (outcome.status === 'rejected') throw new Error(`${where}: ${String(outcome.reason)}`);
    } finally {
      clients.destroy();
      await lab.kill9();
    }
    model.checkOffline(stateDir, where);
  }
  t.diagnostic(`${model.acknowledgedTapeWrites} tape writes acknowledged, ${tornReadBacks} torn tape files read back, ${model.interruptedOperations} operations interrupted, ${model.commands.length} commands, ${model.stacks.length} stacks`);
  t.diagnostic(`torn files as GNU tar and the lab read them: ${JSON.stringify(Object.fromEntries(tornEndings))}`);
  assert.ok(tornReadBacks >= 5, `only ${tornReadBacks} kills tore a tape file; the trials did not exercise torn reads`);
  assert.ok(model.acknowledgedTapeWrites >= TRIALS / 2, `only ${model.acknowledgedTapeWrites} tape writes were acknowledged; the trials did not exercise the data path`);
  assert.ok(model.interruptedOperations > 10, `only ${model.interruptedOperations} operations were in flight at a kill`);

  // A last clean start and stop: the state still loads, and no interrupted write left temporary files behind.
  const last = await LabChild.start(stateDir, ['--time-scale', TIME_SCALE]);
  const clients = labClients(last.ready.endpoint);
  try {
    await model.checkOnline(clients, deployment, 'after the last trial');
  } finally {
    clients.destroy();
    await last.stop();
  }
  assert.deepEqual(leftoverTempFiles(stateDir), []);
});

/** Bytes in the tape's media data file (blocks back to back, under <stateDir>/tape-media/<barcode>/). */
function mediaDataSize(folder: string, barcode: string): number {
  try {
    return statSync(join(folder, 'tape-media', barcode, 'data')).size;
  } catch {
    return -1;
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number, pollMs = 5): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolveTick) => setTimeout(resolveTick, pollMs));
}
