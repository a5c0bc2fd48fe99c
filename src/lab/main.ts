// The tape-gateway-lab command: starts the lab, prints one JSON line when ready, stops on SIGINT/SIGTERM.
import { LabStartError, startLab } from './index';
import { LAB_USAGE, LabArgsError, parseLabArgs } from './parseLabArgs';

async function main(): Promise<void> {
  let options;
  try {
    options = parseLabArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof LabArgsError) return fail(error.message);
    throw error;
  }
  if (options === 'help') {
    process.stdout.write(`${LAB_USAGE}\n`);
    return;
  }
  let lab;
  try {
    lab = await startLab({ ...options, log: (line) => process.stderr.write(`${line}\n`) });
  } catch (error) {
    if (error instanceof LabStartError) return fail(error.message);
    throw error;
  }
  const { endpoint, region, accessKeyId, secretAccessKey, stateDir } = lab;
  process.stdout.write(`${JSON.stringify({ endpoint, region, accessKeyId, secretAccessKey, stateDir })}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`tape-gateway-lab: ${signal} received, stopping.\n`);
    lab.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`tape-gateway-lab: stop failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function fail(message: string): void {
  process.stderr.write(`tape-gateway-lab: ${message}\n`);
  process.exitCode = 2;
}

main().catch((error: unknown) => {
  process.stderr.write(`tape-gateway-lab: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
