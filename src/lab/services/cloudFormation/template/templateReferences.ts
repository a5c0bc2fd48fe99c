// Static reading of a template: which names each value refers to, resource dependencies and their order.
import { TemplateError } from './TemplateError';
import type { Template } from './Template';

export const PSEUDO_PARAMETERS = ['AWS::AccountId', 'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::Partition', 'AWS::URLSuffix', 'AWS::NotificationARNs', 'AWS::NoValue'];

export interface References {
  /** Names used with Ref or in ${...} of Fn::Sub. */
  readonly names: Set<string>;
  /** Logical ids used with Fn::GetAtt or ${Id.Attribute}. */
  readonly attributeTargets: Set<string>;
}

export function collectReferences(value: unknown, into: References = { names: new Set(), attributeTargets: new Set() }): References {
  if (Array.isArray(value)) {
    for (const item of value) collectReferences(item, into);
    return into;
  }
  if (value === null || typeof value !== 'object') return into;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (key === 'Ref' && typeof item === 'string') into.names.add(item);
    else if (key === 'Fn::GetAtt') addGetAtt(item, into);
    else if (key === 'Fn::Sub') addSub(item, into);
    else collectReferences(item, into);
  }
  return into;
}

function addGetAtt(argument: unknown, into: References): void {
  if (typeof argument === 'string') into.attributeTargets.add(argument.split('.')[0] ?? '');
  else if (Array.isArray(argument) && typeof argument[0] === 'string') into.attributeTargets.add(argument[0]);
  collectReferences(Array.isArray(argument) ? argument.slice(1) : [], into);
}

function addSub(argument: unknown, into: References): void {
  const [text, variables] = Array.isArray(argument) ? argument : [argument, undefined];
  const locals = variables !== null && typeof variables === 'object' ? Object.keys(variables) : [];
  if (typeof text === 'string') {
    for (const match of text.matchAll(/\$\{([^}!][^}]*)\}/g)) {
      const name = (match[1] ?? '').trim();
      if (locals.includes(name)) continue;
      const dot = name.indexOf('.');
      if (dot > 0 && !name.startsWith('AWS::')) into.attributeTargets.add(name.slice(0, dot));
      else into.names.add(name);
    }
  }
  collectReferences(variables, into);
}

function dependsOnList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** For each resource, the resources it needs first (Ref, Fn::GetAtt, Fn::Sub, DependsOn). */
export function resourceDependencies(template: Template): Map<string, Set<string>> {
  const resourceIds = new Set(Object.keys(template.Resources));
  const graph = new Map<string, Set<string>>();
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    const references = collectReferences(resource.Properties ?? {});
    const needs = new Set<string>();
    for (const name of [...references.names, ...references.attributeTargets, ...dependsOnList(resource.DependsOn)]) {
      if (resourceIds.has(name) && name !== logicalId) needs.add(name);
    }
    graph.set(logicalId, needs);
  }
  return graph;
}

/** Checks every reference resolves, as CreateStack and ValidateTemplate do before anything is created. */
export function checkReferences(template: Template): void {
  const resourceIds = new Set(Object.keys(template.Resources));
  const parameterNames = new Set(Object.keys(template.Parameters ?? {}));
  const unresolved = new Set<string>();
  const visit = (value: unknown, allowResources: boolean) => {
    const references = collectReferences(value);
    for (const name of references.names) {
      if (PSEUDO_PARAMETERS.includes(name) || parameterNames.has(name) || (allowResources && resourceIds.has(name))) continue;
      unresolved.add(name);
    }
    for (const target of references.attributeTargets) {
      if (!resourceIds.has(target)) throw new TemplateError(`Template error: instance of Fn::GetAtt references undefined resource ${target}`);
    }
  };
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    visit(resource.Properties ?? {}, true);
    for (const needed of dependsOnList(resource.DependsOn)) {
      if (!resourceIds.has(needed)) throw new TemplateError(`Template format error: Unresolved resource dependencies [${needed}] in the Resources block of the template`);
    }
    if (resource.Condition !== undefined && !Object.hasOwn(template.Conditions ?? {}, resource.Condition)) {
      throw new TemplateError(`Template format error: Unresolved dependencies [${resource.Condition}]. Cannot reference resources in the Conditions block of the template (resource ${logicalId}).`);
    }
  }
  if (unresolved.size > 0) {
    throw new TemplateError(`Template format error: Unresolved resource dependencies [${[...unresolved].join(', ')}] in the Resources block of the template`);
  }
  for (const output of Object.values(template.Outputs ?? {})) visit(output.Value, true);
  if (unresolved.size > 0) {
    throw new TemplateError(`Template format error: Unresolved resource dependencies [${[...unresolved].join(', ')}] in the Outputs block of the template`);
  }
  creationOrder(resourceDependencies(template));
}

/** Topological order; throws CloudFormation's circular dependency error. */
export function creationOrder(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]) => {
    const seen = state.get(id);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      const cycle = path.slice(path.indexOf(id));
      throw new TemplateError(`Circular dependency between resources: [${[...new Set(cycle)].sort().join(', ')}]`);
    }
    state.set(id, 'visiting');
    for (const needed of graph.get(id) ?? []) visit(needed, [...path, id]);
    state.set(id, 'done');
    order.push(id);
  };
  for (const id of [...graph.keys()].sort()) visit(id, []);
  return order;
}
