// Tag operations on gateways, tapes and tape pools: AddTagsToResource, RemoveTagsFromResource, ListTagsForResource.
import type { RequestContext } from '../../http/types';
import { parseStorageGatewayArn } from '../../../tape/arns';
import { invalidParameters } from './errors';
import type { RegionState, StoredTag } from './model';
import { byKey, paginate } from './pagination';
import { findGateway, findTape, mutate, read, type SgContext } from './SgContext';
import { arnRule, LIMIT, MARKER, TAG_KEY_RULE, TAG_RULE, type PageInput, type TagInput } from './shapes';
import { mergedTags } from './tagRules';
import { list, required, validateInput } from './validation';

interface Taggable {
  tags: StoredTag[];
}

/** The gateway, tape or pool an ARN names; unknown resources fail as AWS does for each kind. */
function taggable(state: RegionState, resourceArn: string): Taggable {
  const parsed = parseStorageGatewayArn(resourceArn);
  switch (parsed?.resourceType) {
    case 'gateway':
      return findGateway(state, resourceArn);
    case 'tape':
      return findTape(state, resourceArn);
    case 'tapepool': {
      const pool = Object.values(state.pools).find((p) => p.poolArn === resourceArn);
      if (pool) return pool;
      break;
    }
  }
  throw invalidParameters(`Resource ${resourceArn} was not found; tags apply to gateways, tapes and tape pools of this account and Region.`);
}

export function tagOperations(sg: SgContext) {
  async function AddTagsToResource(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<{ ResourceARN: string; Tags: TagInput[] }>({ ResourceARN: required(arnRule), Tags: required(list(TAG_RULE)) }, raw);
    return mutate(sg, ctx, (state) => {
      const resource = taggable(state, input.ResourceARN);
      resource.tags = mergedTags(resource.tags, input.Tags);
      return { ResourceARN: input.ResourceARN };
    });
  }

  async function RemoveTagsFromResource(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<{ ResourceARN: string; TagKeys: string[] }>({ ResourceARN: required(arnRule), TagKeys: required(list(TAG_KEY_RULE)) }, raw);
    return mutate(sg, ctx, (state) => {
      const resource = taggable(state, input.ResourceARN);
      resource.tags = resource.tags.filter((tag) => !input.TagKeys.includes(tag.Key));
      return { ResourceARN: input.ResourceARN };
    });
  }

  async function ListTagsForResource(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<PageInput & { ResourceARN: string }>({ ResourceARN: required(arnRule), Marker: MARKER, Limit: LIMIT }, raw);
    return read(sg, ctx, (state) => {
      const tags = [...taggable(state, input.ResourceARN).tags].sort(byKey((t: StoredTag) => t.Key));
      const page = paginate(tags, (t) => t.Key, input.Marker, input.Limit);
      return { ResourceARN: input.ResourceARN, Marker: page.marker, Tags: page.items };
    });
  }

  return { AddTagsToResource, RemoveTagsFromResource, ListTagsForResource };
}
