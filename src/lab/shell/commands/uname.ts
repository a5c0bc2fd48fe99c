// uname and hostname: the Amazon Linux kernel and the instance's EC2 host name.
import { CommandContext } from '../CommandContext';

/** Kernel releases of current Amazon Linux AMIs. */
const KERNELS = {
  al2: { release: '4.14.355-275.582.amzn2', version: '#1 SMP Wed Oct 9 01:10:52 UTC 2024' },
  al2023: { release: '6.1.115-126.197.amzn2023', version: '#1 SMP PREEMPT_DYNAMIC Tue Nov  5 00:39:39 UTC 2024' },
} as const;

function machine(context: CommandContext): string {
  return context.host.packages.find((p) => p.arch !== 'noarch')?.arch ?? 'x86_64';
}

export function uname(context: CommandContext): number {
  const kernel = KERNELS[context.host.os];
  const arch = machine(context);
  const fields = {
    s: 'Linux',
    n: context.host.hostname,
    r: `${kernel.release}.${arch}`,
    v: kernel.version,
    m: arch,
    p: arch,
    i: arch,
    o: 'GNU/Linux',
  };
  let letters = context.argv.slice(1).map((arg) => arg.replace(/^-+/, '')).join('');
  letters = letters.replace('all', 'a').replace('kernel-name', 's').replace('nodename', 'n').replace('kernel-release', 'r').replace('machine', 'm');
  const bad = [...letters].find((letter) => !'asnrvmpio'.includes(letter));
  if (bad) {
    context.stderr.write(`uname: invalid option -- '${bad}'\nTry 'uname --help' for more information.\n`);
    return 1;
  }
  const order = 'snrvmpio';
  const wanted = letters.includes('a') ? 'snrvmpio' : letters || 's';
  context.stdout.write(`${[...order].filter((letter) => wanted.includes(letter)).map((letter) => fields[letter as keyof typeof fields]).join(' ')}\n`);
  return 0;
}

export function hostname(context: CommandContext): number {
  const short = context.argv.slice(1).some((arg) => arg === '-s' || arg === '--short');
  const name = context.host.hostname;
  if (context.argv.slice(1).some((arg) => arg === '-I' || arg === '--all-ip-addresses')) context.stdout.write(`${context.host.privateIp} \n`);
  else context.stdout.write(`${short ? name.split('.')[0] : name}\n`);
  return 0;
}
