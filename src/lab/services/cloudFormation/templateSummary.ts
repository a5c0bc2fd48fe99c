// What ValidateTemplate and GetTemplateSummary report about a template: parameters, capabilities, resource types.
import { AwsError } from '../../http/AwsError';
import type { Capability, ResourceProvider } from './resources/ResourceProvider';
import { parseTemplate, templateFormatError } from './template/parseTemplate';
import { checkReferences } from './template/templateReferences';
import type { Template } from './template/Template';
import { TemplateError } from './template/TemplateError';

export interface CheckedTemplate {
  readonly template: Template;
  readonly capabilities: Capability[];
  readonly capabilityResourceTypes: string[];
}

/** Parses and statically checks a template the way CreateStack/ValidateTemplate do before creating anything. */
export function checkTemplate(body: string, providers: ReadonlyMap<string, ResourceProvider>, limit?: number): CheckedTemplate {
  const template = parseTemplate(body, limit);
  const unrecognized = [...new Set(Object.values(template.Resources).map((resource) => resource.Type ?? ''))].filter((type) => !providers.has(type));
  if (unrecognized.length > 0) throw templateFormatError(`Unrecognized resource types: [${unrecognized.join(', ')}]`);
  for (const [name, parameter] of Object.entries(template.Parameters ?? {})) {
    if (parameter === null || typeof parameter !== 'object' || typeof parameter.Type !== 'string') {
      throw templateFormatError(`Every Parameters object must contain a Type member. (parameter ${name})`);
    }
  }
  try {
    checkReferences(template);
  } catch (error) {
    if (error instanceof TemplateError) throw new AwsError('ValidationError', error.message);
    throw error;
  }
  checkAttributes(template, providers);
  const capabilities = new Set<Capability>();
  const capabilityResourceTypes = new Set<string>();
  for (const resource of Object.values(template.Resources)) {
    const needed = providers.get(resource.Type ?? '')?.requiredCapability?.(resource.Properties ?? {});
    if (needed) {
      capabilities.add(needed);
      capabilityResourceTypes.add(resource.Type ?? '');
    }
  }
  return { template, capabilities: [...capabilities], capabilityResourceTypes: [...capabilityResourceTypes] };
}

export function capabilitiesReason(checked: CheckedTemplate): string | undefined {
  return checked.capabilityResourceTypes.length === 0 ? undefined : `The following resource(s) require capabilities: [${checked.capabilityResourceTypes.join(', ')}]`;
}

/** CAPABILITY_NAMED_IAM also satisfies CAPABILITY_IAM. */
export function missingCapabilities(required: readonly Capability[], granted: readonly string[]): Capability[] {
  return required.filter((capability) => !granted.includes(capability) && !(capability === 'CAPABILITY_IAM' && granted.includes('CAPABILITY_NAMED_IAM')));
}

/** Fn::GetAtt and ${Id.Attribute} must name attributes the resource type has (checked before creating anything). */
function checkAttributes(template: Template, providers: ReadonlyMap<string, ResourceProvider>): void {
  const check = (logicalId: string, attribute: string) => {
    const provider = providers.get(template.Resources[logicalId]?.Type ?? '');
    if (provider && !provider.attributes.includes(attribute) && provider.acceptsAttribute?.(attribute) !== true) {
      throw new AwsError('ValidationError', `Template error: resource ${logicalId} does not support attribute type ${attribute} in Fn::GetAtt`);
    }
  };
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'Fn::GetAtt' && Array.isArray(item) && typeof item[0] === 'string' && typeof item[1] === 'string') check(item[0], item[1]);
      if (key === 'Fn::Sub') {
        const text = Array.isArray(item) ? item[0] : item;
        const locals = Array.isArray(item) && item[1] !== null && typeof item[1] === 'object' ? Object.keys(item[1] as object) : [];
        if (typeof text === 'string') {
          for (const match of text.matchAll(/\$\{([^}!.:]+)\.([^}]+)\}/g)) if (!locals.includes(match[1] ?? '')) check(match[1] ?? '', match[2] ?? '');
        }
      }
      visit(item);
    }
  };
  visit(Object.values(template.Resources).map((resource) => resource.Properties));
  visit(Object.values(template.Outputs ?? {}).map((output) => output.Value));
}
