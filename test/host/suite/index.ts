// Entry of the VS Code host suite (the test-electron contract): run() loads every *.test.js beside it into mocha.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(join(__dirname, file));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // The driver scripts read this line to add the suite to the overall count.
      console.log(`HOST-SUITE-RESULT ${runner.stats?.passes ?? 0} ${failures} ${runner.stats?.pending ?? 0}`);
      if (failures > 0) reject(new Error(`${failures} host test(s) failed.`));
      else resolve();
    });
  });
}
