// true and false (sh builtins).
export const trueCommand = (): number => 0;
export const falseCommand = (): number => 1;
