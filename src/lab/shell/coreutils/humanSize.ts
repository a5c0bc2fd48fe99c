// Sizes as coreutils prints them with -h (ls, du, df): powers of 1024, rounded up, one decimal below 10.
const UNITS = ['K', 'M', 'G', 'T', 'P', 'E'];

export function humanSize(bytes: number): string {
  if (bytes < 1024) return String(bytes);
  let value = bytes;
  for (const unit of UNITS) {
    value /= 1024;
    if (value < 10) {
      const rounded = Math.ceil(value * 10 - 1e-9) / 10;
      if (rounded < 10) return `${rounded.toFixed(1)}${unit}`;
      return `${Math.ceil(rounded)}${unit}`;
    }
    const whole = Math.ceil(value - 1e-9);
    if (whole < 1024) return `${whole}${unit}`;
  }
  return `${Math.ceil(value)}E`;
}
