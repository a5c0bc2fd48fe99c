// Cases where the lab's shell differs from /bin/bash by a known limit of just-bash 3.4 (the interpreter the lab builds on), each with its reason.
export const DELIBERATE_EXCEPTIONS: ReadonlyMap<string, string> = new Map<string, string>([
  [`fact() { if [ $1 -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(( $1 - 1 ))) )); fi; }; fact 5`, 'just-bash: a command substitution inside $(( )) does not see shell functions'],
  [`printf 'b\\na\\nb\\na\\n' | sort | uniq -c`, "just-bash's uniq -c pads counts to 4 columns; GNU uniq uses 7"],
  [`seq 10 | head -n -7`, "just-bash's head has no negative line counts"],
  [`printf 'a1b22\\n' | grep -o '[0-9]*'`, "just-bash's grep -o prints nothing for a pattern that can match the empty string"],
  [`printf 'a\\nb\\n' | xargs -I{} echo item-{}`, "just-bash's xargs has no -I"],
  [`seq 5 | paste -sd+`, "just-bash's paste does not take -s and -d joined in one word (paste -s -d+ works)"],
  [`printf '12345' > f; du -b f 2>/dev/null | cut -f1 || wc -c < f`, "just-bash's du has no -b"],
  [`cmd='echo from-var'; $cmd`, 'just-bash does not word-split an unquoted expansion in the command name'],
  [`trap 'echo trapped' EXIT; echo body`, 'just-bash does not run EXIT traps when the script ends'],
]);
