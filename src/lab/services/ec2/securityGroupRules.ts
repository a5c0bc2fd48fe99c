// Security group rules as templates declare them (inline or as SecurityGroupIngress/Egress resources) and as DescribeSecurityGroups lists them.

export interface SecurityGroupRule {
  /** The rule resource's physical id (sgr-…) for a stand-alone rule; absent for inline ones. */
  readonly ruleId?: string;
  /** "tcp", "udp", "icmp", "-1" (all) or a protocol number. */
  readonly ipProtocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly cidrIp?: string;
  readonly sourceGroupId?: string;
  readonly description?: string;
}

const PROTOCOL_NUMBERS: Readonly<Record<string, string>> = { '6': 'tcp', '17': 'udp', '1': 'icmp' };

/** A rule from CloudFormation properties (IpProtocol, FromPort, ToPort, CidrIp, SourceSecurityGroupId / DestinationSecurityGroupId, Description). */
export function ruleFromProperties(properties: Readonly<Record<string, unknown>>, ruleId?: string): SecurityGroupRule {
  const protocol = String(properties.IpProtocol ?? '-1').toLowerCase();
  const port = (value: unknown) => (value === undefined || value === null || value === '' ? undefined : Number(value));
  const ipProtocol = PROTOCOL_NUMBERS[protocol] ?? protocol;
  const all = ipProtocol === '-1';
  const group = properties.SourceSecurityGroupId ?? properties.DestinationSecurityGroupId;
  const cidr = properties.CidrIp ?? properties.DestinationCidrIp;
  return {
    ...(ruleId === undefined ? {} : { ruleId }),
    ipProtocol,
    ...(all ? {} : { fromPort: port(properties.FromPort), toPort: port(properties.ToPort) }),
    ...(typeof cidr === 'string' ? { cidrIp: cidr } : {}),
    ...(typeof group === 'string' ? { sourceGroupId: group } : {}),
    ...(typeof properties.Description === 'string' ? { description: properties.Description } : {}),
  };
}

/** Every new group allows all outbound traffic until egress rules replace that rule. */
export const DEFAULT_EGRESS: readonly SecurityGroupRule[] = [{ ipProtocol: '-1', cidrIp: '0.0.0.0/0' }];

/** DescribeSecurityGroups' ipPermissions: rules with the same protocol and ports share one entry. */
export function ipPermissions(rules: readonly SecurityGroupRule[], accountId: string) {
  const entries = new Map<string, { ipProtocol: string; fromPort?: number; toPort?: number; ipRanges: { cidrIp: string; description?: string }[]; groups: { description?: string; groupId: string; userId: string }[] }>();
  for (const rule of rules) {
    const key = `${rule.ipProtocol}|${rule.fromPort ?? ''}|${rule.toPort ?? ''}`;
    const entry = entries.get(key) ?? { ipProtocol: rule.ipProtocol, ...(rule.fromPort === undefined ? {} : { fromPort: rule.fromPort }), ...(rule.toPort === undefined ? {} : { toPort: rule.toPort }), ipRanges: [], groups: [] };
    if (rule.cidrIp !== undefined) entry.ipRanges.push({ cidrIp: rule.cidrIp, ...(rule.description === undefined ? {} : { description: rule.description }) });
    if (rule.sourceGroupId !== undefined) entry.groups.push({ ...(rule.description === undefined ? {} : { description: rule.description }), groupId: rule.sourceGroupId, userId: accountId });
    entries.set(key, entry);
  }
  return [...entries.values()].map((entry) => ({
    fromPort: entry.fromPort,
    ipProtocol: entry.ipProtocol,
    ipRanges: entry.ipRanges,
    ipv6Ranges: [],
    prefixListIds: [],
    toPort: entry.toPort,
    groups: entry.groups,
  }));
}
