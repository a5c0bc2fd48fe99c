// Quick picks for an AWS profile (from the shared config files) and a region.
import * as vscode from 'vscode';
import { listProfiles, sharedConfigPaths, type AwsProfile } from '../../aws/profiles';

/** Regions where Tape Gateway is offered most often; any other can be typed. */
const COMMON_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'eu-west-1', 'eu-west-2', 'eu-west-3',
  'eu-central-1', 'eu-north-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-south-1', 'sa-east-1',
];

const REGION_PATTERN = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

interface ProfilePick extends vscode.QuickPickItem {
  profile: AwsProfile | undefined;
}

export async function pickAwsProfile(): Promise<AwsProfile | undefined | 'cancelled'> {
  const profiles = await listProfiles();
  const items: ProfilePick[] = profiles.map((p) => ({
    label: p.name,
    description: [p.region, p.kind === 'sso' ? 'IAM Identity Center (SSO)' : p.kind === 'process' ? 'credential_process' : p.kind === 'role' ? 'assumed role' : undefined].filter(Boolean).join(' · '),
    profile: p,
  }));
  items.push({ label: '$(key) Default credential chain', description: 'environment variables, default profile, instance role', profile: undefined });
  if (profiles.length === 0) {
    const { config } = sharedConfigPaths();
    items.unshift({ label: 'No profiles found', description: `in ${config}; run "aws configure sso" or "aws configure" to add one`, profile: undefined, kind: vscode.QuickPickItemKind.Separator });
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Connect to AWS (1/2): profile', placeHolder: 'Choose the AWS profile to use', ignoreFocusOut: true });
  return picked ? picked.profile : 'cancelled';
}

export async function pickRegion(preferred: string | undefined): Promise<string | undefined> {
  const regions = [...new Set([preferred, ...COMMON_REGIONS].filter((r): r is string => Boolean(r)))];
  const other = '$(edit) Other region…';
  const items: vscode.QuickPickItem[] = [...regions.map((r) => ({ label: r, description: r === preferred ? 'from the profile' : undefined })), { label: other }];
  const picked = await vscode.window.showQuickPick(items, { title: 'Connect to AWS (2/2): region', placeHolder: 'Choose the region of your tape gateway', ignoreFocusOut: true });
  if (!picked) return undefined;
  if (picked.label !== other) return picked.label;
  const typed = await vscode.window.showInputBox({
    title: 'Connect to AWS (2/2): region',
    prompt: 'Region name, such as eu-south-1',
    ignoreFocusOut: true,
    validateInput: (value) => (REGION_PATTERN.test(value.trim()) ? undefined : `"${value}" is not a region name; use the form us-east-1.`),
  });
  return typed?.trim();
}
