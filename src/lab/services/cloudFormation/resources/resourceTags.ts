// The tags a CloudFormation-created EC2 resource carries: the template's Tags plus the aws:cloudformation:* tags AWS adds.
import type { CreateRequest } from './ResourceProvider';

/** CloudFormation tags every taggable resource it creates with its stack's name and id and the resource's logical id. */
export function resourceTags(request: CreateRequest): Record<string, string> {
  const tags: Record<string, string> = {};
  const given = request.properties.Tags;
  if (Array.isArray(given)) {
    for (const tag of given as Record<string, unknown>[]) {
      if (typeof tag.Key === 'string') tags[tag.Key] = String(tag.Value ?? '');
    }
  }
  tags['aws:cloudformation:stack-name'] = request.stackName;
  tags['aws:cloudformation:logical-id'] = request.logicalId;
  tags['aws:cloudformation:stack-id'] = request.stackId;
  return tags;
}
