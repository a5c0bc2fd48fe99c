// The CloudFormation wrapper: stacks, resources, outputs, events, template summary and validation, mapped to tape/ domain types.
import type { StackEvent as SdkStackEvent, StackSummary as SdkStackSummary } from '@aws-sdk/client-cloudformation';
import type { StackEvent, StackOutput, StackResource, StackSummary } from '../tape/model';
import type { AwsClients } from './AwsClients';
import { toAwsFailure } from './AwsFailure';
import { callAws } from './callAws';

export interface TemplateParameter {
  readonly key: string;
  readonly defaultValue: string | undefined;
  readonly description: string | undefined;
  readonly noEcho: boolean;
  readonly allowedValues: readonly string[] | undefined;
}

interface StackDetails extends StackSummary {
  readonly outputs: StackOutput[];
  readonly parameters: ReadonlyMap<string, string>;
}

interface NewStack {
  readonly stackName: string;
  readonly templateBody: string;
  /** Sent instead of the body when set (a template over CloudFormation's 51,200-byte TemplateBody limit, uploaded to S3). */
  readonly templateUrl?: string;
  readonly parameters: ReadonlyMap<string, string>;
}

interface TemplateValidation {
  readonly description: string | undefined;
  readonly parameterNames: readonly string[];
  /** CAPABILITY_IAM, CAPABILITY_NAMED_IAM, … that CreateStack will need. */
  readonly capabilities: readonly string[];
  readonly capabilitiesReason: string | undefined;
}

/** A ValidationError from CloudFormation: the template is wrong, not the connection. */
export class TemplateInvalid extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateInvalid';
  }
}

const sdk = () => import('@aws-sdk/client-cloudformation');

function toStackSummary(s: SdkStackSummary): StackSummary {
  return {
    stackId: s.StackId ?? '',
    stackName: s.StackName ?? '',
    status: s.StackStatus ?? 'UNKNOWN',
    statusReason: s.StackStatusReason,
    creationTime: s.CreationTime,
    lastUpdatedTime: s.LastUpdatedTime,
    description: s.TemplateDescription,
    ...(s.ParentId ? { parentId: s.ParentId } : {}),
  };
}

function toStackEvent(e: SdkStackEvent): StackEvent {
  return {
    eventId: e.EventId ?? '',
    timestamp: e.Timestamp ?? new Date(0),
    logicalId: e.LogicalResourceId ?? '',
    type: e.ResourceType ?? '',
    status: e.ResourceStatus ?? '',
    statusReason: e.ResourceStatusReason,
  };
}

export class CloudFormationApi {
  constructor(private readonly clients: AwsClients) {}

  /** Every stack except those deleted, newest first: failed and rolled-back ones included. */
  async listStacks(signal?: AbortSignal): Promise<StackSummary[]> {
    const { ListStacksCommand } = await sdk();
    const client = await this.clients.cloudFormation();
    return callAws(this.clients, 'ListStacks', async () => {
      const stacks: StackSummary[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListStacksCommand({ NextToken: token }), { abortSignal: signal });
        stacks.push(...(page.StackSummaries ?? []).map(toStackSummary).filter((s) => s.status !== 'DELETE_COMPLETE'));
        token = page.NextToken;
      } while (token);
      return stacks.sort((a, b) => (b.creationTime?.getTime() ?? 0) - (a.creationTime?.getTime() ?? 0));
    });
  }

  async describeStack(stackName: string, signal?: AbortSignal): Promise<StackDetails> {
    const { DescribeStacksCommand } = await sdk();
    const client = await this.clients.cloudFormation();
    return callAws(this.clients, 'DescribeStacks', async () => {
      const stack = (await client.send(new DescribeStacksCommand({ StackName: stackName }), { abortSignal: signal })).Stacks?.[0];
      if (!stack) throw new Error(`Stack ${stackName} does not exist.`);
      return {
        stackId: stack.StackId ?? '',
        stackName: stack.StackName ?? stackName,
        status: stack.StackStatus ?? 'UNKNOWN',
        statusReason: stack.StackStatusReason,
        creationTime: stack.CreationTime,
        lastUpdatedTime: stack.LastUpdatedTime,
        description: stack.Description,
        outputs: (stack.Outputs ?? []).map((o) => ({ key: o.OutputKey ?? '', value: o.OutputValue ?? '', description: o.Description })),
        parameters: new Map((stack.Parameters ?? []).map((p) => [p.ParameterKey ?? '', p.ResolvedValue ?? p.ParameterValue ?? ''])),
      };
    });
  }

  async listResources(stackName: string, signal?: AbortSignal): Promise<StackResource[]> {
    const { DescribeStackResourcesCommand } = await sdk();
    const client = await this.clients.cloudFormation();
    return callAws(this.clients, 'DescribeStackResources', async () =>
      ((await client.send(new DescribeStackResourcesCommand({ StackName: stackName }), { abortSignal: signal })).StackResources ?? []).map((r) => ({
        logicalId: r.LogicalResourceId ?? '',
        physicalId: r.PhysicalResourceId,
        type: r.ResourceType ?? '',
        status: r.ResourceStatus ?? '',
        statusReason: r.ResourceStatusReason,
      })),
    );
  }

  /** The newest events first (one page, at most `limit`). */
  async recentEvents(stackName: string, limit: number, signal?: AbortSignal): Promise<StackEvent[]> {
    const { DescribeStackEventsCommand } = await sdk();
    const client = await this.clients.cloudFormation();
    return callAws(this.clients, 'DescribeStackEvents', async () => ((await client.send(new DescribeStackEventsCommand({ StackName: stackName }), { abortSignal: signal })).StackEvents ?? []).slice(0, limit).map(toStackEvent));
  }

  async templateParameters(templateBody: string, templateUrl?: string): Promise<TemplateParameter[]> {
    const { GetTemplateSummaryCommand } = await sdk();
    const client = await this.clients.cloudFormation();
    const source = templateUrl !== undefined ? { TemplateURL: templateUrl } : { TemplateBody: templateBody };
    return callAws(this.clients, 'GetTemplateSummary', async () =>
      ((await client.send(new GetTemplateSummaryCommand(source))).Parameters ?? []).map((p) => ({
        key: p.ParameterKey ?? '',
        defaultValue: p.DefaultValue,
        description: p.Description,
        noEcho: p.NoEcho ?? false,
        allowedValues: p.ParameterConstraints?.AllowedValues,
      })),
    );
  }

  /** CreateStack with CAPABILITY_IAM (the template creates an unnamed role); returns the stack id. */
  async createStack(stack: NewStack): Promise<string> {
    const { CreateStackCommand } = await sdk();
    const client = await this.clients.cloudFormation();
    return callAws(this.clients, 'CreateStack', async () => {
      const out = await client.send(
        new CreateStackCommand({
          StackName: stack.stackName,
          ...(stack.templateUrl !== undefined ? { TemplateURL: stack.templateUrl } : { TemplateBody: stack.templateBody }),
          Parameters: [...stack.parameters].map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
          Capabilities: ['CAPABILITY_IAM'],
        }),
      );
      return out.StackId ?? '';
    });
  }

  async deleteStack(stackName: string): Promise<void> {
    const { DeleteStackCommand } = await sdk();
    const client = await this.clients.cloudFormation();
    await callAws(this.clients, 'DeleteStack', () => client.send(new DeleteStackCommand({ StackName: stackName })));
  }

  /** ValidateTemplate: what CloudFormation says about a template body; a ValidationError becomes TemplateInvalid (the template is wrong, not the connection). */
  async validateTemplate(templateBody: string): Promise<TemplateValidation> {
    const { ValidateTemplateCommand } = await sdk();
    const client = await this.clients.cloudFormation();
    try {
      const answer = await client.send(new ValidateTemplateCommand({ TemplateBody: templateBody }));
      return {
        description: answer.Description,
        parameterNames: (answer.Parameters ?? []).flatMap((p) => (p.ParameterKey ? [p.ParameterKey] : [])),
        capabilities: answer.Capabilities ?? [],
        capabilitiesReason: answer.CapabilitiesReason,
      };
    } catch (error) {
      const shape = error as { name?: unknown; message?: unknown };
      if (shape.name === 'ValidationError' && typeof shape.message === 'string') throw new TemplateInvalid(shape.message);
      throw toAwsFailure(error, 'ValidateTemplate', this.clients.target.kind === 'aws' ? this.clients.target.profile : undefined, this.clients.endpointLabel);
    }
  }
}
