// The per-user folder where the lab keeps its state, chosen per platform without shelling out.
import { homedir } from 'node:os';
import { join } from 'node:path';

const APP_FOLDER = 'tape-gateway-lab';

export function defaultStateDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), APP_FOLDER);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), APP_FOLDER);
}
