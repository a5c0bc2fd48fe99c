// CloudFormation ValidateTemplate for the template CodeLens: what the service says about a template body.
import type { AwsClients } from './AwsClients';
import { toAwsFailure } from './AwsFailure';

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

export async function validateTemplate(clients: AwsClients, templateBody: string): Promise<TemplateValidation> {
  const { ValidateTemplateCommand } = await import('@aws-sdk/client-cloudformation');
  const client = await clients.cloudFormation();
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
    throw toAwsFailure(error, 'ValidateTemplate', clients.target.kind === 'aws' ? clients.target.profile : undefined, clients.endpointLabel);
  }
}
