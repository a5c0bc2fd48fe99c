// What every lab service is built from: configuration, clock, delays and the state folder.

export interface LabConfig {
  readonly host: string;
  readonly port: number;
  readonly stateDir: string;
  readonly region: string;
  readonly accountId: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Multiplies every simulated delay (0 = instant). */
  readonly timeScale: number;
  /** Host names accepted besides loopback ones, lower case (--allowed-host). */
  readonly allowedHosts: readonly string[];
  /** Bearer token the /_lab admin routes require. */
  readonly adminToken: string;
}

export interface LabRuntime {
  readonly config: LabConfig;
  /** The lab clock; tests inject their own. */
  readonly now: () => Date;
  /** Waits a simulated duration, scaled by --time-scale. */
  readonly delay: (milliseconds: number) => Promise<void>;
  /** Lab log; never given secrets. */
  readonly log: (line: string) => void;
}

export function createRuntime(config: LabConfig, now: () => Date, log: (line: string) => void): LabRuntime {
  return {
    config,
    now,
    log,
    delay: (milliseconds) =>
      new Promise((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, milliseconds * config.timeScale));
        timer.unref?.();
      }),
  };
}
