// Deploy Stack on a root template whose TemplateURLs are local paths: uploads the children to a bucket and rewrites the URLs first.
import { createHash, randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { S3Api } from '../../aws/S3Api';
import type { AwsClients } from '../../aws/AwsClients';
import type { ExtensionServices } from '../ExtensionServices';
import { argsOf, Cancelled } from '../commands/commandTargets';
import type { ChosenTemplate } from '../commands/stackTemplate';
import { labTemplateBucket, localTemplateUrls, packageTemplate } from './packageTemplate';

const TITLE = 'Deploy Stack: bucket for child templates';
/** CloudFormation's limit for a TemplateBody; larger templates must be given by TemplateURL. */
const MAX_TEMPLATE_BODY_BYTES = 51_200;

/**
 * On AWS: a bucket named in the arguments, or one the user picks; the proposal is the per-account, per-region
 * `cf-templates-<random>-<region>` bucket the CloudFormation console uses (an existing one is offered first).
 */
async function chooseBucket(services: ExtensionServices, s3: S3Api, clients: AwsClients, given: unknown): Promise<string> {
  const region = clients.target.region;
  if (typeof given === 'string' && given !== '') return given;
  if (clients.target.kind === 'lab') return labTemplateBucket(region);
  const buckets = await s3.listBuckets();
  const consoleBucket = buckets.find((name) => name.startsWith('cf-templates-') && name.endsWith(`-${region}`));
  const proposed = consoleBucket ?? `cf-templates-${randomBytes(6).toString('hex')}-${region}`;
  const picked = await services.prompts.pick(
    [
      { label: proposed, description: consoleBucket ? 'the CloudFormation templates bucket of this account and region' : `create it in ${region} for CloudFormation templates`, value: proposed },
      ...buckets.filter((name) => name !== proposed).map((name) => ({ label: name, value: name })),
    ],
    { title: TITLE, placeHolder: 'Child templates are uploaded here, as `aws cloudformation package` does' },
  );
  if (picked === undefined) throw new Cancelled();
  return picked;
}

async function readTemplateText(path: string): Promise<string> {
  const uri = vscode.Uri.file(path);
  // Unsaved edits in an open editor are what the user sees and means to deploy.
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  return open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** The template to deploy: unchanged when it names no local child template, else packaged with its children uploaded. */
export async function prepareTemplateFolder(services: ExtensionServices, clients: AwsClients, template: ChosenTemplate, target: unknown): Promise<ChosenTemplate> {
  const children = localTemplateUrls(template.body);
  if (children.length === 0) return template;
  if (!template.uri || template.uri.scheme !== 'file') {
    throw new Error(`${template.label} names child templates by local path (${children.map((child) => child.path).join(', ')}); open it from its folder in the workspace and deploy again, or point those TemplateURLs at S3.`);
  }
  const s3 = new S3Api(clients);
  const bucket = await chooseBucket(services, s3, clients, argsOf(target).bucket);
  const rootPath = template.uri.fsPath;
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Uploading child templates to ${bucket}`, cancellable: true }, async (progress, token) => {
    await s3.ensureBucket(bucket);
    const packaged = await packageTemplate(rootPath, readTemplateText, async (key, body) => {
      if (token.isCancellationRequested) throw new Cancelled();
      progress.report({ message: key });
      return s3.uploadTemplate(bucket, key, body);
    });
    services.log.info(`Packaged ${template.label}: ${packaged.uploaded.length} child template(s) uploaded to s3://${bucket}/ in ${clients.endpointLabel}.`);
    // Past CloudFormation's TemplateBody limit the root goes by URL too, as `aws cloudformation deploy --s3-bucket` does.
    const templateUrl = new TextEncoder().encode(packaged.body).length > MAX_TEMPLATE_BODY_BYTES ? await s3.uploadTemplate(bucket, `${createHash('md5').update(packaged.body).digest('hex')}.template`, packaged.body) : undefined;
    return { ...template, body: packaged.body, label: `${template.label} (children in s3://${bucket})`, ...(templateUrl ? { templateUrl } : {}) };
  });
}
