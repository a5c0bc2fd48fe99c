// Builds the evaluation scope of one stack: parameters, pseudo parameters, conditions and created resources.
import type { ResourceProvider } from './resources/ResourceProvider';
import type { StackRecord } from './StackRecord';
import { evaluate, type EvaluationScope } from './template/evaluateIntrinsics';
import type { Template } from './template/Template';
import { TemplateError } from './template/TemplateError';

export function pseudoParameters(stack: Pick<StackRecord, 'stackId' | 'stackName' | 'region'>, accountId: string): Map<string, string | string[]> {
  return new Map<string, string | string[]>([
    ['AWS::AccountId', accountId],
    ['AWS::Region', stack.region],
    ['AWS::StackId', stack.stackId],
    ['AWS::StackName', stack.stackName],
    ['AWS::Partition', 'aws'],
    ['AWS::URLSuffix', 'amazonaws.com'],
    ['AWS::NotificationARNs', []],
  ]);
}

export function createStackScope(
  template: Template,
  names: ReadonlyMap<string, string | string[]>,
  stack: StackRecord,
  providers: ReadonlyMap<string, ResourceProvider>,
): EvaluationScope {
  const conditionValues = new Map<string, boolean>();
  const evaluating = new Set<string>();
  const scope: EvaluationScope = {
    names,
    region: stack.region,
    mappings: template.Mappings ?? {},
    condition(name) {
      const known = conditionValues.get(name);
      if (known !== undefined) return known;
      const definition = template.Conditions?.[name];
      if (definition === undefined) throw new TemplateError(`Template error: unresolved condition dependency ${name} in Fn::If`);
      if (evaluating.has(name)) throw new TemplateError(`Template error: circular condition dependency ${name}`);
      evaluating.add(name);
      const value = evaluate(definition, scope);
      evaluating.delete(name);
      if (typeof value !== 'boolean') throw new TemplateError(`Template error: condition ${name} must evaluate to true or false`);
      conditionValues.set(name, value);
      return value;
    },
    resourceRef(logicalId) {
      const resource = stack.resources[logicalId];
      if (resource?.physicalId === undefined) throw new TemplateError(`Template error: resource ${logicalId} is not available for Ref (it was not created)`);
      return resource.physicalId;
    },
    resourceAttribute(logicalId, attribute) {
      const resource = stack.resources[logicalId];
      const declared = template.Resources[logicalId];
      const provider = declared?.Type === undefined ? undefined : providers.get(declared.Type);
      if (!declared || !provider) throw new TemplateError(`Template error: instance of Fn::GetAtt references undefined resource ${logicalId}`);
      if (!provider.attributes.includes(attribute) && provider.acceptsAttribute?.(attribute) !== true) throw new TemplateError(`Template error: resource ${logicalId} does not support attribute type ${attribute} in Fn::GetAtt`);
      const value = resource?.attributes?.[attribute];
      if (value === undefined) throw new TemplateError(`Template error: attribute ${attribute} of resource ${logicalId} is not available`);
      return value;
    },
  };
  return scope;
}

/** Resources whose Condition (if any) holds. */
export function activeResourceIds(template: Template, scope: EvaluationScope): string[] {
  return Object.entries(template.Resources)
    .filter(([, resource]) => resource.Condition === undefined || scope.condition(resource.Condition))
    .map(([logicalId]) => logicalId);
}
