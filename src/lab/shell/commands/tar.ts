// GNU tar 1.34: -c / -t / -x with -v, -f, --record-size, -b and -C, onto tapes, files or stdin/stdout.
import { CommandContext } from '../CommandContext';
import { tarCreate } from '../tar/tarCreate';
import { parseTarOptions } from '../tar/tarOptions';
import { tarRead } from '../tar/tarRead';

export async function tar(context: CommandContext): Promise<number> {
  const options = parseTarOptions(context.argv, context.env.get('TAPE') ?? '-');
  if (typeof options === 'string') {
    context.stderr.write(options);
    return 2;
  }
  return options.mode === 'create' ? tarCreate(context, options) : tarRead(context, options);
}
