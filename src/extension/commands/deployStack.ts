// Deploys the tape gateway stack: template, stack name, parameters with defaults, a cost estimate on AWS, then live events until it settles.
import * as vscode from 'vscode';
import type { TemplateParameter } from '../../aws/CloudFormationApi';
import type { ExtensionServices, TapeGatewayCommand } from '../ExtensionServices';
import { argsOf, Cancelled, connectedApis } from './commandTargets';
import { estimateStackCost, formatCostEstimate } from './deployCostEstimate';
import { followStack, stackPollMs } from './followStack';
import { requireValid, stackNameProblem } from './inputRules';
import { runCommand } from './runCommand';
import { chooseTemplate } from './stackTemplate';
import { prepareTemplateFolder } from '../templateFolder/prepareTemplateFolder';

const TITLE = 'Deploy Stack';
const DEPLOY = 'deploy';

function parameterProblem(parameter: TemplateParameter, value: string): string | undefined {
  if (parameter.allowedValues && parameter.allowedValues.length > 0 && !parameter.allowedValues.includes(value)) return `${parameter.key} must be one of ${parameter.allowedValues.join(', ')}.`;
  if (parameter.defaultValue !== undefined && /^\d+$/.test(parameter.defaultValue) && !/^\d+$/.test(value.trim())) return `${parameter.key} is a number; type digits only.`;
  return undefined;
}

/** A quick pick of all parameters with their values; picking one edits it, "Deploy" accepts them all. */
async function reviewParameters(services: ExtensionServices, parameters: readonly TemplateParameter[], values: Map<string, string>): Promise<void> {
  for (;;) {
    const picked = await services.prompts.pick(
      [
        { label: '$(rocket) Deploy with these values', value: DEPLOY },
        ...parameters.map((p) => ({ label: p.key, description: p.noEcho ? '••••' : values.get(p.key) || '(empty)', detail: p.description, value: p.key })),
      ],
      { title: `${TITLE}: parameters`, placeHolder: 'Pick a parameter to change it, or deploy' },
    );
    if (picked === undefined) throw new Cancelled();
    if (picked === DEPLOY) return;
    const parameter = parameters.find((p) => p.key === picked);
    if (!parameter) continue;
    let value: string | undefined;
    if (parameter.allowedValues && parameter.allowedValues.length > 0) {
      value = await services.prompts.pick(parameter.allowedValues.map((v) => ({ label: v, description: v === parameter.defaultValue ? 'default' : undefined, value: v })), { title: `${TITLE}: ${parameter.key}` });
    } else {
      value = await services.prompts.input({ title: `${TITLE}: ${parameter.key}`, prompt: parameter.description ?? parameter.key, value: values.get(parameter.key), validate: (v) => parameterProblem(parameter, v) });
    }
    if (value !== undefined) values.set(parameter.key, value.trim());
  }
}

export const deployStack: TapeGatewayCommand = {
  id: 'tapeGateway.deployStack',
  run(services, target?: unknown) {
    return runCommand(services, 'Could not deploy the stack', async () => {
      const apis = connectedApis(services);
      const args = argsOf(target);
      // A root template whose children are local files is packaged first, as `aws cloudformation package` would.
      const template = await prepareTemplateFolder(services, apis.clients, await chooseTemplate(services, target), target);
      let stackName = typeof args.stackName === 'string' ? args.stackName : await services.prompts.input({ title: `${TITLE}: stack name`, prompt: 'Stack name', value: 'tape-gateway-lab', validate: stackNameProblem });
      if (stackName === undefined) throw new Cancelled();
      stackName = stackName.trim();
      requireValid(stackNameProblem(stackName));
      const parameters = await apis.stacks.templateParameters(template.body, template.templateUrl);
      const values = new Map(parameters.map((p) => [p.key, p.defaultValue ?? '']));
      const given = typeof args.parameters === 'object' && args.parameters !== null ? (args.parameters as Record<string, unknown>) : undefined;
      if (given) {
        for (const [key, value] of Object.entries(given)) {
          const parameter = parameters.find((p) => p.key === key);
          if (!parameter) throw new Error(`The template has no parameter ${key}; its parameters are ${parameters.map((p) => p.key).join(', ')}.`);
          requireValid(parameterProblem(parameter, String(value)));
          values.set(key, String(value));
        }
      } else {
        await reviewParameters(services, parameters, values);
      }
      const target_ = apis.clients.target;
      if (target_.kind === 'aws') {
        const estimate = formatCostEstimate(estimateStackCost(values, target_.region));
        if (args.confirmed !== true && !(await services.prompts.confirm(`Create stack ${stackName} in ${target_.region}? It costs money while it runs.`, estimate, 'Create Stack'))) throw new Cancelled();
      }
      // Parameters left at their template defaults are not sent, so CloudFormation resolves SSM-typed defaults itself.
      const changed = new Map([...values].filter(([key, value]) => parameters.find((p) => p.key === key)?.defaultValue !== value));
      await apis.stacks.createStack({ stackName, templateBody: template.body, templateUrl: template.templateUrl, parameters: changed });
      services.log.info(`CreateStack ${stackName} from ${template.label} in ${apis.clients.endpointLabel}.`);
      services.explorer.refresh();
      const status = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Creating stack ${stackName}`, cancellable: true }, async (progress, token) => {
        const result = await followStack(apis.stacks, stackName, { progress, log: services.log, isCancelled: () => token.isCancellationRequested, pollMs: stackPollMs(target_.kind) });
        if (result === undefined) {
          // Cancelling a creation means deleting the half-built stack (CloudFormation has no "cancel create").
          await apis.stacks.deleteStack(stackName);
          void vscode.window.showWarningMessage(`Stopped creating ${stackName}: its resources are being deleted.`);
        }
        return result;
      });
      services.explorer.refresh();
      if (status === 'CREATE_COMPLETE') void vscode.window.showInformationMessage(`Stack ${stackName} is ready. Next: "Activate Gateway".`);
      else if (status) void vscode.window.showErrorMessage(`Stack ${stackName} ended in ${status}: see its Recent events in the Tape Gateway view, fix the cause, delete the stack and deploy again.`);
      return status;
    });
  },
};
