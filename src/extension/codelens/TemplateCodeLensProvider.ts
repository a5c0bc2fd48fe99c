// CodeLens on CloudFormation templates: Deploy stack and Validate at the top; AMI, hourly cost and disk check on tape gateway instances.
import * as vscode from 'vscode';
import { SsmApi } from '../../aws/SsmApi';
import { checkGatewayDisks, estimateGatewayHourlyCost, formatUsdPerHour, STACK_IDLE_USD_PER_HOUR, type DiskCheckVerdict } from '../../tape/gatewayEstimates';
import type { ConnectionManager } from '../connection/ConnectionManager';
import { locateTemplate, type GatewayInstanceLocation } from './templateLocator';

export const TEMPLATE_SELECTOR: vscode.DocumentSelector = [{ language: 'yaml' }, { language: 'json' }, { language: 'jsonc' }];
const DEPLOY_FROM_TEMPLATE_COMMAND = 'tapeGateway.deployStackFromTemplate';
const VALIDATE_TEMPLATE_COMMAND = 'tapeGateway.validateTemplate';

const DISK_MARKS: Record<DiskCheckVerdict, string> = { ok: '$(pass)', belowRecommended: '$(warning)', belowMinimum: '$(error)', missingDisks: '$(error)', unknown: '$(info)' };

/** A lens whose AMI id is resolved lazily through GetParameter on the current connection. */
class AmiLens extends vscode.CodeLens {
  constructor(range: vscode.Range, readonly parameterName: string) {
    super(range);
  }
}

export class TemplateCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly amiCache = new Map<string, Promise<string | undefined>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly connection: ConnectionManager) {
    this.subscriptions = [
      connection.onDidChange(() => {
        this.amiCache.clear();
        this.changed.fire();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('tapeGateway.codeLens.enabled')) this.changed.fire();
      }),
    ];
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.getConfiguration('tapeGateway.codeLens').get<boolean>('enabled', true)) return [];
    const outline = locateTemplate(document.getText());
    if (!outline) return [];
    const top = lineRange(document, outline.offset);
    const lenses: vscode.CodeLens[] = [
      new vscode.CodeLens(top, { title: '$(cloud-upload) Deploy stack', tooltip: 'Create or update a CloudFormation stack from this template on the current connection', command: DEPLOY_FROM_TEMPLATE_COMMAND, arguments: [document.uri] }),
      new vscode.CodeLens(top, { title: '$(check) Validate', tooltip: 'Run CloudFormation ValidateTemplate on the current connection', command: VALIDATE_TEMPLATE_COMMAND, arguments: [document.uri] }),
    ];
    for (const gateway of outline.gatewayInstances) lenses.push(...this.gatewayLenses(document, gateway));
    return lenses;
  }

  async resolveCodeLens(lens: vscode.CodeLens): Promise<vscode.CodeLens> {
    if (!(lens instanceof AmiLens)) return lens;
    const state = this.connection.state;
    if (state.kind !== 'connected') {
      lens.command = { title: `VTL AMI: ${lens.parameterName} (connect to resolve)`, tooltip: 'Start the local lab or connect to AWS to resolve the AMI id', command: 'tapeGateway.switchConnection' };
      return lens;
    }
    const key = `${state.label}|${lens.parameterName}`;
    let pending = this.amiCache.get(key);
    if (!pending) {
      pending = new SsmApi(state.clients).getParameter(lens.parameterName);
      this.amiCache.set(key, pending);
      pending.catch(() => this.amiCache.delete(key));
    }
    try {
      const ami = await pending;
      lens.command = ami
        ? { title: `VTL AMI: ${ami} (${state.label})`, tooltip: `${lens.parameterName} resolved with GetParameter on ${state.label}`, command: '' }
        : { title: `VTL AMI: ${lens.parameterName} is not published in ${state.label}`, tooltip: 'GetParameter answered ParameterNotFound: Tape Gateway may not be offered in this Region', command: '' };
    } catch (error) {
      lens.command = { title: `VTL AMI: could not resolve (${error instanceof Error ? error.message : String(error)})`, command: '' };
    }
    return lens;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }

  private gatewayLenses(document: vscode.TextDocument, gateway: GatewayInstanceLocation): vscode.CodeLens[] {
    const range = lineRange(document, gateway.offset);
    const sizes = gateway.disks.map((disk) => disk.sizeGiB);
    const known = sizes.filter((size): size is number => size !== undefined);
    const estimate = estimateGatewayHourlyCost(gateway.instanceType, known);
    const parts = `${gateway.instanceType ?? 'instance type chosen at deploy time'}${estimate.instanceUsdPerHour === undefined ? ' (no rate on file)' : ` ${formatUsdPerHour(estimate.instanceUsdPerHour)}`} + ${estimate.diskGiB} GiB gp3 ${formatUsdPerHour(estimate.diskUsdPerHour)}`;
    const costTitle = estimate.totalUsdPerHour === undefined ? `$(credit-card) Gateway: ${parts}` : `$(credit-card) Gateway ≈ ${formatUsdPerHour(estimate.totalUsdPerHour)}: ${parts}`;
    const costTooltip = `us-east-1 on-demand list prices; other Regions cost more (Tokyo about 20–30 %). The whole lab stack idles at about $${STACK_IDLE_USD_PER_HOUR.low}–${STACK_IDLE_USD_PER_HOUR.high}/h with the client and VPC endpoints. Tapes are billed for data written; archived tapes for at least 90 days.`;
    const disks = checkGatewayDisks(sizes);
    return [
      new AmiLens(range, gateway.amiParameterName),
      new vscode.CodeLens(range, { title: costTitle, tooltip: costTooltip, command: '' }),
      new vscode.CodeLens(range, { title: `${DISK_MARKS[disks.verdict]} ${disks.summary}`, tooltip: 'Cache: minimum 150 GiB, maximum 64 TiB. Upload buffer: minimum 150 GiB, maximum 2 TiB. Do not resize an allocated disk; add a new one.', command: '' }),
    ];
  }
}

function lineRange(document: vscode.TextDocument, offset: number): vscode.Range {
  const line = document.positionAt(offset).line;
  return new vscode.Range(line, 0, line, 0);
}
