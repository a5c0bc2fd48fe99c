// seq: GNU's two-line message when no operand is given and -f FORMAT (one %e/%f/%g conversion); everything else is just-bash's seq.
import { type Command, type ExecResult, defineCommand } from 'just-bash';
import { missingOperand } from './operands';
import { runShadowed } from './shadowed';

/** One printf conversion of a double: %[flags][width][.precision](e|f|g|E|F|G). */
function formatNumber(spec: RegExpExecArray, value: number): string {
  const [, flags, width, precisionText, conversion] = spec;
  const precision = precisionText === undefined ? 6 : Number(precisionText || '0');
  const lower = conversion.toLowerCase();
  let text: string;
  if (lower === 'f') text = value.toFixed(precision);
  else if (lower === 'e') text = value.toExponential(precision).replace(/e([+-])(\d)$/, 'e$10$2');
  else {
    const significant = Math.max(1, precision);
    const exponent = value === 0 ? 0 : Math.floor(Math.log10(Math.abs(value)));
    text = exponent < -4 || exponent >= significant ? value.toExponential(significant - 1).replace(/e([+-])(\d)$/, 'e$10$2') : value.toFixed(Math.max(0, significant - 1 - exponent));
    if (!flags.includes('#')) text = text.replace(/(\.\d*?)0+(e|$)/, '$1$2').replace(/\.(e|$)/, '$1');
  }
  if (conversion !== lower) text = text.toUpperCase();
  if (flags.includes('+') && value >= 0) text = `+${text}`;
  else if (flags.includes(' ') && value >= 0) text = ` ${text}`;
  const size = Number(width || '0');
  if (text.length >= size) return text;
  if (flags.includes('-')) return text.padEnd(size);
  if (flags.includes('0')) return (text.startsWith('-') || text.startsWith('+') ? text[0] : '') + text.replace(/^[+-]/, '').padStart(size - (/^[+-]/.test(text) ? 1 : 0), '0');
  return text.padStart(size);
}

function withFormat(args: readonly string[]): ExecResult | undefined {
  let format: string | undefined;
  let separator = '\n';
  const numbers: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '-f' || arg === '--format') format = args[++i];
    else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
    else if (arg.startsWith('-f') && arg.length > 2) format = arg.slice(2);
    else if (arg === '-s' || arg === '--separator') separator = args[++i] ?? '\n';
    else if (arg.startsWith('-s') && arg.length > 2) separator = arg.slice(2);
    else if (arg === '-w' || arg === '--equal-width') return undefined;
    else numbers.push(arg);
  }
  if (format === undefined || numbers.length === 0 || numbers.length > 3) return undefined;
  const spec = /%([-+ #0]*)(\d*)(?:\.(\d*))?([eEfFgG])/.exec(format);
  if (!spec || /%(?!%)/.test(format.replace(spec[0], '').replace(/%%/g, ''))) {
    return { stdout: '', stderr: `seq: format '${format}' has no % directive\n`, exitCode: 1 };
  }
  const values = numbers.map(Number);
  if (values.some(Number.isNaN)) return undefined;
  const [first, step, last] = values.length === 1 ? [1, 1, values[0]] : values.length === 2 ? [values[0], 1, values[1]] : values;
  const out: string[] = [];
  for (let n = 0; out.length < 10_000_000; n += 1) {
    const value = first + n * step;
    if ((step > 0 && value > last + 1e-12) || (step < 0 && value < last - 1e-12) || step === 0) break;
    out.push(format.replace(spec[0], formatNumber(spec, value)).replace(/%%/g, '%'));
  }
  return { stdout: out.length > 0 ? out.join(separator) + '\n' : '', stderr: '', exitCode: 0 };
}

export const seq: Command = defineCommand('seq', async (args, ctx) => {
  const operands = args.filter((arg) => !/^-[sfw]/.test(arg) && !/^--(separator|format|equal-width)/.test(arg));
  if (args.length === 0 || operands.length === 0) return { stdout: '', stderr: missingOperand('seq'), exitCode: 1 };
  if (args.some((arg) => arg.startsWith('-f') || arg.startsWith('--format'))) {
    if (args.some((arg) => arg === '-w' || arg === '--equal-width')) {
      return { stdout: '', stderr: "seq: format string may not be specified when printing equal width strings\nTry 'seq --help' for more information.\n", exitCode: 1 };
    }
    const formatted = withFormat(args);
    if (formatted) return formatted;
  }
  return runShadowed('seq', args, ctx);
});
