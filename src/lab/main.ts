// The tape-gateway-lab command: starts the lab, prints one JSON line when ready, stops on SIGINT/SIGTERM (and, with
// --exit-with-parent, when its stdin closes).
import { LabStartError, startLab } from './index';
import { LAB_USAGE, LabArgsError, parseLabArgs } from './parseLabArgs';

/**
 * Given by a program that spawns the lab with a pipe as its stdin (the extension does): the operating system closes that
 * pipe when the parent dies, even by SIGKILL, so the lab stops instead of lingering. Run by hand, the lab ignores stdin.
 */
const EXIT_WITH_PARENT = '--exit-with-parent';

async function main(): Promise<void> {
  dropWritesToClosedPipes();
  const argv = process.argv.slice(2);
  const exitWithParent = argv.includes(EXIT_WITH_PARENT);
  let options;
  try {
    options = parseLabArgs(argv.filter((arg) => arg !== EXIT_WITH_PARENT));
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
  const { endpoint, region, accessKeyId, secretAccessKey, stateDir, adminToken } = lab;
  process.stdout.write(`${JSON.stringify({ endpoint, region, accessKeyId, secretAccessKey, stateDir, adminToken })}\n`);
  keepServingAfterStrayErrors();

  let stopping = false;
  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`tape-gateway-lab: ${reason}, stopping.\n`);
    lab.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`tape-gateway-lab: stop failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT received'));
  process.on('SIGTERM', () => stop('SIGTERM received'));
  if (exitWithParent) {
    // A pipe that was already closed before this line reports its end as soon as it is read.
    process.stdin.on('error', () => stop('its parent\'s pipe failed'));
    process.stdin.on('end', () => stop('its parent has gone (stdin closed)'));
    process.stdin.resume();
  }
}

/**
 * Once the reader of stdout or stderr has gone (the editor that started the lab closed its end), writes fail with
 * EPIPE. Such a line is dropped: unhandled, the failure would be reported on stderr, fail again, and so on forever,
 * keeping a CPU busy and the lab deaf to SIGTERM.
 */
function dropWritesToClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
}

/**
 * The last line of defence: every stream, socket and child of the lab handles its own errors, so a failing request or
 * command fails alone. Should one be missed, it is logged and the lab keeps serving everyone else instead of exiting.
 */
function keepServingAfterStrayErrors(): void {
  const report = (kind: string) => (error: unknown) => {
    process.stderr.write(`tape-gateway-lab: ${kind} (the lab keeps running; please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  };
  process.on('uncaughtException', report('unhandled error'));
  process.on('unhandledRejection', report('unhandled promise rejection'));
}

function fail(message: string): void {
  process.stderr.write(`tape-gateway-lab: ${message}\n`);
  process.exitCode = 2;
}

main().catch((error: unknown) => {
  process.stderr.write(`tape-gateway-lab: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
