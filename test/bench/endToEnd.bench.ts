// Bench: the deployed lab end to end through the SDK: stack to activated gateway, a Run Command round trip, and a lab restart.
import { readFile } from 'node:fs/promises';
import { DescribeGatewayInformationCommand } from '@aws-sdk/client-storage-gateway';
import { activateGateway, deployTapeGatewayStack, loginChangerAndDrive, runOk, startStackLab, TEMPLATE_PATH, waitForClient, type StackLab } from '../lab/e2e/stackLab';
import type { BenchFigure } from './BenchFigure';

const DEPLOYS = 3;
const COMMANDS = 20;

export async function run(): Promise<BenchFigure[]> {
  const template = await readFile(TEMPLATE_PATH, 'utf8');
  const deploy: number[] = [];
  const command: number[] = [];
  const restart: number[] = [];
  let lab: StackLab | undefined = await startStackLab();
  try {
    let last = { client: '', changer: '' };
    for (let index = 0; index < DEPLOYS; index += 1) {
      const start = performance.now();
      const outputs = await deployTapeGatewayStack(lab, `bench-${index}`, template);
      const gatewayArn = await activateGateway(lab, outputs, `bench-gw-${index}`);
      deploy.push(performance.now() - start);
      const gatewayId = (await lab.sg.send(new DescribeGatewayInformationCommand({ GatewayARN: gatewayArn }))).GatewayId ?? '';
      last = { client: outputs.ClientInstanceId ?? '', changer: await loginChangerAndDrive(lab, outputs.ClientInstanceId ?? '', outputs.GatewayPrivateIp ?? '', gatewayId) };
    }
    for (let index = 0; index < COMMANDS; index += 1) {
      const start = performance.now();
      await runOk(lab.ssm, last.client, [`sudo mtx -f ${last.changer} status`]);
      command.push(performance.now() - start);
    }
    for (let index = 0; index < DEPLOYS; index += 1) {
      const stateDir: string = lab.stateDir;
      const start = performance.now();
      await lab.stop();
      lab = undefined;
      lab = await startStackLab(stateDir);
      await waitForClient(lab, last.client);
      restart.push(performance.now() - start);
    }
  } finally {
    await lab?.stop();
  }
  const note = 'SDK against an in-process lab at --time-scale 0.002 (simulated delays in milliseconds); GetCommandInvocation polled at once, then every 20 ms';
  return [
    { name: 'CreateStack to an activated gateway with cache and upload buffer (tape-gateway.yaml)', unit: 'ms', samples: deploy, note },
    { name: 'Run Command round trip: SendCommand `mtx status` to Success', unit: 'ms', samples: command, note },
    { name: 'Lab restart with stacks on disk until the client takes commands again', unit: 'ms', samples: restart, note },
  ];
}
