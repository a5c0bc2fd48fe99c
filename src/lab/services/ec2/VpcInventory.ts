// The simulated VPC world: VPCs, subnets (with private IP allocation), security groups, route tables, IAM profiles.
import type { SecurityGroupRule } from './securityGroupRules';

export interface SubnetRecord {
  readonly vpcId: string;
  readonly cidr: string;
  readonly availabilityZone: string;
  readonly usedAddresses: Set<string>;
  readonly tags?: Readonly<Record<string, string>>;
}

export interface VpcRecord {
  readonly cidr: string;
  /** Saved stacks from before VPCs knew their region have none: the lab's home region then. */
  readonly region?: string;
  readonly tags?: Readonly<Record<string, string>>;
}

export interface SecurityGroupRecord {
  readonly vpcId: string;
  readonly groupName: string;
  readonly description?: string;
  readonly tags?: Readonly<Record<string, string>>;
  /** Inbound rules (inline and stand-alone); absent in stacks saved before rules were kept. */
  readonly ingress?: SecurityGroupRule[];
  /** Outbound rules; absent means the default allow-all rule. */
  readonly egress?: SecurityGroupRule[];
}

/** A VPC endpoint as DescribeVpcEndpoints shows it; DnsEntries are "HOSTEDZONE:dns-name" pairs, the GetAtt form. */
export interface VpcEndpointRecord {
  readonly vpcId: string;
  readonly region: string;
  readonly serviceName: string;
  readonly type: string;
  readonly subnetIds: readonly string[];
  readonly routeTableIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly networkInterfaceIds: readonly string[];
  readonly dnsEntries: readonly string[];
  readonly privateDnsEnabled: boolean;
  readonly policyDocument?: string;
  readonly creationTimestamp: string;
}

interface ParsedCidr {
  readonly base: number;
  readonly prefix: number;
}

export function parseCidr(cidr: string): ParsedCidr | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((octet) => octet > 255) || prefix > 32) return undefined;
  const base = octets.reduce((sum, octet) => sum * 256 + octet, 0);
  const size = 2 ** (32 - prefix);
  if (base % size !== 0) return undefined;
  return { base, prefix };
}

export function formatIp(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}

export function cidrContains(outer: string, inner: string): boolean {
  const a = parseCidr(outer);
  const b = parseCidr(inner);
  if (!a || !b || b.prefix < a.prefix) return false;
  return Math.floor(b.base / 2 ** (32 - a.prefix)) === Math.floor(a.base / 2 ** (32 - a.prefix));
}

export class VpcInventory {
  readonly vpcs = new Map<string, VpcRecord>();
  readonly subnets = new Map<string, SubnetRecord>();
  readonly securityGroups = new Map<string, SecurityGroupRecord>();
  readonly endpoints = new Map<string, VpcEndpointRecord>();
  readonly routeTables = new Map<string, { vpcId: string }>();
  /** IAM role name -> managed policy ARNs. */
  readonly roles = new Map<string, readonly string[]>();
  /** Instance profile name -> role names. */
  readonly instanceProfiles = new Map<string, readonly string[]>();

  /**
   * Next free private address: the first four and the last address of a subnet are AWS-reserved. EC2 picks any free
   * address, so the lab also skips addresses live in other VPCs: its simulated network resolves an IP or
   * ip-a-b-c-d DNS name lab-wide, and two stacks with the same CIDR must not put two appliances at one address.
   */
  allocateAddress(subnetId: string, preferred?: string): string | undefined {
    const subnet = this.subnets.get(subnetId);
    const parsed = subnet && parseCidr(subnet.cidr);
    if (!subnet || !parsed) return undefined;
    if (preferred !== undefined) {
      if (subnet.usedAddresses.has(preferred) || !cidrContains(subnet.cidr, `${preferred}/32`)) return undefined;
      subnet.usedAddresses.add(preferred);
      return preferred;
    }
    const size = 2 ** (32 - parsed.prefix);
    for (let offset = 4; offset < size - 1; offset += 1) {
      const address = formatIp(parsed.base + offset);
      if (!this.addressInUse(address)) {
        subnet.usedAddresses.add(address);
        return address;
      }
    }
    return undefined;
  }

  private addressInUse(address: string): boolean {
    for (const subnet of this.subnets.values()) if (subnet.usedAddresses.has(address)) return true;
    return false;
  }

  releaseAddress(subnetId: string, address: string): void {
    this.subnets.get(subnetId)?.usedAddresses.delete(address);
  }

  /** True when the profile's role carries a policy that lets the SSM agent register. */
  profileGrantsSsm(profileName: string): boolean {
    const roles = this.instanceProfiles.get(profileName) ?? [];
    return roles.some((role) => (this.roles.get(role) ?? []).some((arn) => /policy\/(AmazonSSMManagedInstanceCore|AmazonEC2RoleforSSM|service-role\/AmazonEC2RoleforSSM)$/.test(arn)));
  }
}
