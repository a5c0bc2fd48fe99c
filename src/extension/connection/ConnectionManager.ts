// Owns the current connection (none, the lab, or an AWS profile and region) and tells listeners when it changes.
import * as vscode from 'vscode';
import { AwsClients } from '../../aws/AwsClients';
import { describeTarget, type ConnectionTarget } from '../../aws/AwsConnection';
import { LAB_DEFAULTS, startLab, type RunningLab } from '../../lab/index';

export type ConnectionState =
  | { readonly kind: 'none' }
  | { readonly kind: 'connecting'; readonly label: string }
  | { readonly kind: 'connected'; readonly target: ConnectionTarget; readonly clients: AwsClients; readonly label: string; readonly labInProcess: boolean };

/** What is remembered between sessions (never credentials). */
type SavedConnection = { kind: 'lab' } | { kind: 'aws'; profile: string | undefined; region: string };

const SAVED_KEY = 'tapeGateway.lastConnection';

export interface LabSettings {
  /** An already running lab to use instead of starting one in-process. */
  readonly endpoint: string | undefined;
  readonly region: string;
  readonly timeScale: number;
}

export class ConnectionManager implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ConnectionState>();
  readonly onDidChange = this.changed.event;
  private current: ConnectionState = { kind: 'none' };
  private lab: RunningLab | undefined;

  constructor(
    private readonly memento: vscode.Memento,
    private readonly labStateDir: string,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get state(): ConnectionState {
    return this.current;
  }

  /** The lab running inside this window, if any (the explorer reads its changer state directly). */
  get runningLab(): RunningLab | undefined {
    return this.lab;
  }

  /** Starts the lab in-process on a free loopback port (or joins a configured one) and connects to it. */
  async connectLab(settings: LabSettings): Promise<ConnectionTarget> {
    if (this.current.kind === 'connected' && this.current.target.kind === 'lab') return this.current.target;
    this.set({ kind: 'connecting', label: 'Lab' });
    try {
      let target: ConnectionTarget;
      if (settings.endpoint) {
        target = { kind: 'lab', endpoint: settings.endpoint, region: settings.region, accessKeyId: LAB_DEFAULTS.accessKeyId, secretAccessKey: LAB_DEFAULTS.secretAccessKey };
        this.log.info(`Using the lab at ${settings.endpoint}.`);
      } else {
        this.lab ??= await startLab({ port: 0, stateDir: this.labStateDir, region: settings.region, timeScale: settings.timeScale, log: (line) => this.log.debug(line) });
        target = { kind: 'lab', endpoint: this.lab.endpoint, region: this.lab.region, accessKeyId: this.lab.accessKeyId, secretAccessKey: this.lab.secretAccessKey, adminToken: this.lab.adminToken };
        this.log.info(`Local lab started at ${this.lab.endpoint} (state in ${this.lab.stateDir}).`);
      }
      this.connectTo(target, !settings.endpoint);
      await this.memento.update(SAVED_KEY, { kind: 'lab' } satisfies SavedConnection);
      return target;
    } catch (error) {
      this.set({ kind: 'none' });
      throw error;
    }
  }

  async connectAws(profile: string | undefined, region: string): Promise<ConnectionTarget> {
    const target: ConnectionTarget = { kind: 'aws', profile, region };
    this.connectTo(target, false);
    this.log.info(`Connected to AWS with ${describeTarget(target)}.`);
    await this.memento.update(SAVED_KEY, { kind: 'aws', profile, region } satisfies SavedConnection);
    return target;
  }

  /** Reconnects to what the user used last time, if anything. */
  async restore(settings: LabSettings): Promise<void> {
    const saved = this.memento.get<SavedConnection>(SAVED_KEY);
    if (saved?.kind === 'lab') await this.connectLab(settings);
    else if (saved?.kind === 'aws') await this.connectAws(saved.profile, saved.region);
  }

  async disconnect(): Promise<void> {
    this.release();
    await this.stopLab();
    this.set({ kind: 'none' });
    await this.memento.update(SAVED_KEY, undefined);
  }

  /** Stops the in-process lab; its state stays on disk. */
  async stopLab(): Promise<boolean> {
    const lab = this.lab;
    if (!lab) return false;
    this.lab = undefined;
    if (this.current.kind === 'connected' && this.current.labInProcess) {
      this.release();
      this.set({ kind: 'none' });
    }
    await lab.stop();
    this.log.info('Local lab stopped.');
    return true;
  }

  dispose(): void {
    this.release();
    void this.lab?.stop();
    this.lab = undefined;
    this.changed.dispose();
  }

  private connectTo(target: ConnectionTarget, labInProcess: boolean): void {
    this.release();
    this.set({ kind: 'connected', target, clients: new AwsClients(target), label: describeTarget(target), labInProcess });
  }

  private release(): void {
    if (this.current.kind === 'connected') this.current.clients.dispose();
  }

  private set(state: ConnectionState): void {
    this.current = state;
    this.changed.fire(state);
  }
}
