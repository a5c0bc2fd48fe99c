// GNU tar 1.34's rules for unsafe member names: the leading part it strips (`/`, `../`, `a/../../`) and names it will not extract.

export interface MemberName {
  /** The name with the unsafe prefix removed ("" when nothing is left). */
  readonly name: string;
  /** What was removed, as tar names it in "Removing leading `PREFIX' from member names"; "" when nothing. */
  readonly prefix: string;
  /** The stored name has a `..` component: tar -x refuses it ("Member name contains '..'"). */
  readonly dotDot: boolean;
}

/** Without -P: everything up to the last `..` component, and leading slashes, go (names.c safer_name_suffix). */
export function memberName(stored: string, absoluteNames: boolean): MemberName {
  const parts = stored.split('/');
  const dotDot = parts.includes('..');
  if (absoluteNames) return { name: stored, prefix: '', dotDot: false };
  let cut = 0;
  for (let i = 0; i < parts.length; i += 1) {
    if (parts[i] === '..' || (parts[i] === '' && i === cut)) cut = i + 1;
  }
  const prefixLength = parts.slice(0, cut).join('/').length + (cut > 0 ? 1 : 0);
  const prefix = stored.slice(0, Math.min(prefixLength, stored.length));
  return { name: stored.slice(prefix.length), prefix, dotDot };
}
