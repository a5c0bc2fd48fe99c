// SSM (JSON 1.1, AmazonSSM.*) operations for parameters, managed instances and Run Command, keyed by AWS name.
import { AwsError } from '../../http/AwsError';
import type { OperationTable, RequestContext } from '../../http/types';
import type { InstanceRegistry, ManagedNode } from '../ec2/InstanceRegistry';
import { commandInvocationView, commandView, getCommandInvocationView } from './commandViews';
import { parameterNotFound, parametersByPath, publicParameter } from './publicParameters';
import type { RunCommandService } from './RunCommandService';
import { MAX_CONCURRENCY_PATTERN, MAX_ERRORS_PATTERN, optionalInteger, optionalPattern, optionalText, pageOf, requiredText, textList, validationException, type JsonInput } from './ssmInput';

export interface RunCommandDependencies {
  readonly registry: InstanceRegistry;
  readonly runCommand: RunCommandService;
}

/** Version the lab's simulated SSM agent reports (≥ 3.3.40.0, so ec2messages is optional). */
const AGENT_VERSION = '3.3.1802.0';

export function ssmRunCommandOperations(deps: RunCommandDependencies): OperationTable {
  const { registry, runCommand } = deps;

  const findCommand = (commandId: string) => {
    if (commandId.length !== 36) throw validationException(`1 validation error detected: Value '${commandId}' at 'commandId' failed to satisfy constraint: Member must have length ${commandId.length < 36 ? 'greater than or equal to' : 'less than or equal to'} 36`);
    return runCommand.commands.find((command) => command.commandId === commandId);
  };

  const instanceInformation = (node: ManagedNode, ctx: RequestContext) => ({
    InstanceId: node.instance.instanceId,
    PingStatus: 'Online',
    LastPingDateTime: ctx.now().getTime() / 1000,
    AgentVersion: AGENT_VERSION,
    IsLatestVersion: true,
    PlatformType: 'Linux',
    PlatformName: node.instance.image.platformName,
    PlatformVersion: node.instance.image.platformVersion,
    ResourceType: 'EC2Instance',
    IPAddress: node.instance.privateIp,
    ComputerName: node.host.hostname,
    SourceId: node.instance.instanceId,
    SourceType: 'AWS::EC2::Instance',
  });

  return {
    GetParameter(input: JsonInput, ctx: RequestContext) {
      const parameter = publicParameter(requiredText(input, 'Name', 'name'), ctx.region);
      if (!parameter) throw parameterNotFound();
      return { Parameter: parameter };
    },

    GetParameters(input: JsonInput, ctx: RequestContext) {
      const names = textList(input, 'Names');
      if (names.length < 1 || names.length > 10) throw validationException(`1 validation error detected: Value '[${names.join(', ')}]' at 'names' failed to satisfy constraint: Member must have length ${names.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 10'}`);
      // Each name is 1-2048 characters (PSParameterName); a list member's failure is reported for the whole list.
      if (names.some((name) => name.length < 1 || name.length > 2048)) {
        throw validationException(`1 validation error detected: Value '[${names.join(', ')}]' at 'names' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 2048, Member must have length greater than or equal to 1]`);
      }
      const found = names.flatMap((name) => publicParameter(name, ctx.region) ?? []);
      return { Parameters: found, InvalidParameters: names.filter((name) => !found.some((parameter) => parameter.Name === name)) };
    },

    GetParametersByPath(input: JsonInput, ctx: RequestContext) {
      const path = requiredText(input, 'Path', 'path');
      const size = optionalInteger(input, 'MaxResults', 'maxResults', 1, 10) ?? 10;
      const result = pageOf(parametersByPath(path, input.Recursive === true, ctx.region), input.NextToken, size);
      return { Parameters: result.items, ...(result.NextToken ? { NextToken: result.NextToken } : {}) };
    },

    DescribeInstanceInformation(input: JsonInput, ctx: RequestContext) {
      const size = optionalInteger(input, 'MaxResults', 'maxResults', 5, 50) ?? 50;
      const wanted = new Map<string, string[]>();
      for (const filter of (input.InstanceInformationFilterList ?? []) as { key?: string; valueSet?: string[] }[]) wanted.set(filter.key ?? '', filter.valueSet ?? []);
      for (const filter of (input.Filters ?? []) as { Key?: string; Values?: string[] }[]) wanted.set(filter.Key ?? '', filter.Values ?? []);
      const views = registry.managedNodes().filter((node) => node.instance.region === ctx.region).map((node) => instanceInformation(node, ctx));
      const matches = views.filter((view) =>
        [...wanted].every(([key, values]) => {
          const field = { InstanceIds: view.InstanceId, PingStatus: view.PingStatus, PlatformTypes: view.PlatformType, ResourceType: view.ResourceType, AgentVersion: view.AgentVersion }[key];
          if (field === undefined) throw new AwsError('InvalidInstanceInformationFilterValue', `The filter key ${key} is not supported by the lab.`);
          return values.includes(field);
        }),
      );
      const result = pageOf(matches, input.NextToken, size);
      return { InstanceInformationList: result.items, ...(result.NextToken ? { NextToken: result.NextToken } : {}) };
    },

    async SendCommand(input: JsonInput, ctx: RequestContext) {
      const documentName = requiredText(input, 'DocumentName', 'documentName');
      if (documentName !== 'AWS-RunShellScript') throw new AwsError('InvalidDocument', `Document with name ${documentName} does not exist.`);
      const instanceIds = textList(input, 'InstanceIds');
      if (instanceIds.length === 0) throw validationException('InstanceIds or Targets must be specified.');
      if (instanceIds.length > 50) throw validationException(`1 validation error detected: Value at 'instanceIds' failed to satisfy constraint: Member must have length less than or equal to 50`);
      // AWS answers InvalidInstanceId with an empty message when any target is not a managed node.
      if (instanceIds.some((id) => registry.managedNode(id)?.instance.region !== ctx.region)) throw new AwsError('InvalidInstanceId', '');
      const parameters = (input.Parameters ?? {}) as Record<string, string[]>;
      const commands = parameters.commands;
      if (!Array.isArray(commands) || commands.length === 0) throw new AwsError('InvalidParameters', 'Parameter "commands" is required.');
      const executionTimeout = Number(parameters.executionTimeout?.[0] ?? '3600');
      if (!Number.isInteger(executionTimeout) || executionTimeout < 1 || executionTimeout > 172_800) {
        throw new AwsError('InvalidParameters', 'Parameter "executionTimeout" must be an integer from 1 to 172800 (seconds).');
      }
      const timeoutSeconds = optionalInteger(input, 'TimeoutSeconds', 'timeoutSeconds', 30, 2_592_000) ?? 3600;
      const maxConcurrency = optionalPattern(input, 'MaxConcurrency', 'maxConcurrency', MAX_CONCURRENCY_PATTERN);
      const maxErrors = optionalPattern(input, 'MaxErrors', 'maxErrors', MAX_ERRORS_PATTERN);
      const command = await runCommand.send({
        documentName,
        comment: optionalText(input, 'Comment', 'comment', 0, 100) ?? '',
        parameters,
        instanceIds,
        timeoutSeconds,
        executionTimeoutSeconds: executionTimeout,
        region: ctx.region,
        ...(maxConcurrency === undefined ? {} : { maxConcurrency }),
        ...(maxErrors === undefined ? {} : { maxErrors }),
      });
      return { Command: commandView(command) };
    },

    GetCommandInvocation(input: JsonInput) {
      const commandId = requiredText(input, 'CommandId', 'commandId', 36, 36);
      const instanceId = requiredText(input, 'InstanceId', 'instanceId');
      const pluginName = optionalText(input, 'PluginName', 'pluginName', 4, 500);
      if (pluginName !== undefined && pluginName !== 'aws:runShellScript') throw new AwsError('InvalidPluginName', '');
      const command = findCommand(commandId);
      const invocation = command?.invocations.get(instanceId);
      if (!command || !invocation) throw new AwsError('InvocationDoesNotExist', '');
      return getCommandInvocationView(command, invocation);
    },

    ListCommandInvocations(input: JsonInput, ctx: RequestContext) {
      const commandId = optionalText(input, 'CommandId', 'commandId', 36, 36);
      const instanceId = optionalText(input, 'InstanceId', 'instanceId');
      const size = optionalInteger(input, 'MaxResults', 'maxResults', 1, 50) ?? 50;
      const commands = commandId === undefined ? runCommand.commands : [findCommand(commandId)].flatMap((command) => command ?? []);
      if (commandId !== undefined && commands.length === 0) throw new AwsError('InvalidCommandId', '');
      const rows = [...commands].reverse().flatMap((command) =>
        [...command.invocations.values()]
          .filter((invocation) => instanceId === undefined || invocation.instanceId === instanceId)
          .map((invocation) => commandInvocationView(command, invocation, input.Details === true, registry.get(invocation.instanceId)?.privateDnsName ?? '', ctx.region)),
      );
      const result = pageOf(rows, input.NextToken, size);
      return { CommandInvocations: result.items, ...(result.NextToken ? { NextToken: result.NextToken } : {}) };
    },

    ListCommands(input: JsonInput) {
      const commandId = optionalText(input, 'CommandId', 'commandId', 36, 36);
      const instanceId = optionalText(input, 'InstanceId', 'instanceId');
      const size = optionalInteger(input, 'MaxResults', 'maxResults', 1, 50) ?? 50;
      const commands = [...runCommand.commands].reverse().filter((command) => (commandId === undefined || command.commandId === commandId) && (instanceId === undefined || command.instanceIds.includes(instanceId)));
      if (commandId !== undefined && commands.length === 0) throw new AwsError('InvalidCommandId', '');
      const result = pageOf(commands.map(commandView), input.NextToken, size);
      return { Commands: result.items, ...(result.NextToken ? { NextToken: result.NextToken } : {}) };
    },

    CancelCommand(input: JsonInput) {
      const command = findCommand(requiredText(input, 'CommandId', 'commandId', 36, 36));
      if (!command) throw new AwsError('InvalidCommandId', '');
      const instanceIds = textList(input, 'InstanceIds');
      if (instanceIds.some((id) => !command.invocations.has(id))) throw new AwsError('InvalidInstanceId', '');
      runCommand.cancel(command, instanceIds);
      return {};
    },
  };
}
