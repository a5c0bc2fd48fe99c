// CloudFormation's YAML short-form intrinsics (!Ref, !Sub, ...) as `yaml` custom tags that yield the long JSON form.
import { isMap, isSeq, type CollectionTag, type ScalarTag, type Tags } from 'yaml';

// Why custom tags: without them the `yaml` package reports "Unresolved tag" and drops the tag, so
// `!Ref X` would read as the string "X". Mapping each tag to `{ "Fn::X": ... }` at parse time means
// the evaluator only ever sees the long form, exactly as CloudFormation normalises YAML to JSON.

const FUNCTIONS = ['Sub', 'GetAtt', 'Join', 'Select', 'Split', 'GetAZs', 'If', 'Equals', 'And', 'Or', 'Not', 'Base64', 'FindInMap', 'ImportValue', 'Cidr', 'Transform'];

function longName(name: string): string {
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

/** `!GetAtt A.B` means `{"Fn::GetAtt": ["A", "B"]}`: the first dot splits resource from attribute. */
function scalarArgument(name: string, text: string): unknown {
  if (name !== 'GetAtt') return text;
  const dot = text.indexOf('.');
  return dot < 0 ? [text] : [text.slice(0, dot), text.slice(dot + 1)];
}

function tagsFor(name: string): Tags {
  const key = longName(name);
  const scalar: ScalarTag = { tag: `!${name}`, resolve: (text: string) => ({ [key]: scalarArgument(name, text) }) };
  const seq: CollectionTag = {
    tag: `!${name}`,
    collection: 'seq',
    resolve: (node) => (isSeq(node) ? ({ [key]: node.toJSON() } as never) : node),
  };
  const map: CollectionTag = {
    tag: `!${name}`,
    collection: 'map',
    resolve: (node) => (isMap(node) ? ({ [key]: node.toJSON() } as never) : node),
  };
  return [scalar, seq, map];
}

export const CLOUDFORMATION_YAML_TAGS: Tags = ['Ref', 'Condition', ...FUNCTIONS].flatMap(tagsFor);
