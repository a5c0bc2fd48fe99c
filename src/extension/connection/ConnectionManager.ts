// Owns the current connection (none, the lab, or an AWS profile and region) and tells listeners when it changes.
import * as vscode from 'vscode';
import { AwsClients } from '../../aws/AwsClients';
import { describeTarget, type ConnectionTarget } from '../../aws/AwsConnection';
import { LabProcess } from './LabProcess';
import { LAB_DEFAULTS, type LabSettings } from './labSettings';

export type ConnectionState =
  | { readonly kind: 'none' }
  | { readonly kind: 'connecting'; readonly label: string }
  /** The lab this window started has stopped on its own; `message` says so and how to restart it. */
  | { readonly kind: 'labExited'; readonly message: string }
  | { readonly kind: 'connected'; readonly target: ConnectionTarget; readonly clients: AwsClients; readonly label: string; readonly labOwned: boolean };

/** What is remembered between sessions (never credentials). */
type SavedConnection = { kind: 'lab' } | { kind: 'aws'; profile: string | undefined; region: string };

const SAVED_KEY = 'tapeGateway.lastConnection';

export class ConnectionManager implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ConnectionState>();
  readonly onDidChange = this.changed.event;
  private current: ConnectionState = { kind: 'none' };
  private lab: LabProcess | undefined;
  /** The port of the last lab this window started: a restart asks for it again, so open terminals can resume their sessions. */
  private lastLabPort = 0;

  constructor(
    private readonly memento: vscode.Memento,
    /** The lab's state folder: the same on every start, so a restart keeps gateways, tapes and files. */
    private readonly labStateDir: string,
    /** dist/lab.js of this extension. */
    private readonly labScript: string,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get state(): ConnectionState {
    return this.current;
  }

  /** The process id of the lab this window started, while it runs. */
  get labPid(): number | undefined {
    return this.lab?.running ? this.lab.pid : undefined;
  }

  /** Starts the lab as a child process on a free loopback port (or joins a configured one) and connects to it. */
  async connectLab(settings: LabSettings): Promise<ConnectionTarget> {
    if (this.current.kind === 'connected' && this.current.target.kind === 'lab') return this.current.target;
    this.set({ kind: 'connecting', label: 'Lab' });
    try {
      let target: ConnectionTarget;
      if (settings.endpoint) {
        target = { kind: 'lab', endpoint: settings.endpoint, region: settings.region, accessKeyId: LAB_DEFAULTS.accessKeyId, secretAccessKey: LAB_DEFAULTS.secretAccessKey };
        this.log.info(`Using the lab at ${settings.endpoint}.`);
      } else {
        const lab = this.lab?.running ? this.lab : await this.startLabProcess(settings);
        const { endpoint, region, accessKeyId, secretAccessKey, stateDir } = lab.ready;
        target = { kind: 'lab', endpoint, region, accessKeyId, secretAccessKey };
        this.log.info(`Local lab started at ${endpoint} (process ${lab.pid ?? '?'}, state in ${stateDir}).`);
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

  /** Stops the lab this window started; its state stays on disk. */
  async stopLab(): Promise<boolean> {
    const lab = this.lab;
    if (!lab) return false;
    this.lab = undefined;
    if ((this.current.kind === 'connected' && this.current.labOwned) || this.current.kind === 'labExited') {
      this.release();
      this.set({ kind: 'none' });
    }
    await lab.stop();
    this.log.info('Local lab stopped.');
    return true;
  }

  dispose(): void {
    this.release();
    // SIGTERM now; the lab saves its state and exits on its own after the window has gone.
    void this.lab?.stop();
    this.lab = undefined;
    this.changed.dispose();
  }

  private async startLabProcess(settings: LabSettings): Promise<LabProcess> {
    const start = (port: number) => LabProcess.start({
      script: this.labScript,
      nodePath: settings.nodePath,
      stateDir: this.labStateDir,
      port,
      region: settings.region,
      timeScale: settings.timeScale,
      log: (line) => this.log.info(`[lab] ${line}`),
    });
    let lab: LabProcess;
    try {
      lab = await start(this.lastLabPort);
    } catch (error) {
      if (this.lastLabPort === 0) throw error;
      this.log.info(`The lab could not listen on port ${this.lastLabPort} again (${(error as Error).message}); starting it on a free port.`);
      lab = await start(0);
    }
    this.lab = lab;
    this.lastLabPort = Number(new URL(lab.ready.endpoint).port) || 0;
    lab.onExit((exit) => {
      if (this.lab !== lab) return;
      // Stopped by nobody here: say so at once and offer the restart.
      this.lab = undefined;
      this.log.error(exit.message);
      if (this.current.kind === 'connected' && this.current.labOwned) {
        this.release();
        this.set({ kind: 'labExited', message: exit.message });
      }
    });
    return lab;
  }

  private connectTo(target: ConnectionTarget, labOwned: boolean): void {
    this.release();
    this.set({ kind: 'connected', target, clients: new AwsClients(target), label: describeTarget(target), labOwned });
  }

  private release(): void {
    if (this.current.kind === 'connected') this.current.clients.dispose();
  }

  private set(state: ConnectionState): void {
    this.current = state;
    this.changed.fire(state);
  }
}
