// Follows a stack until its status settles, reporting each new stack event to a progress notification and the log.
import type * as vscode from 'vscode';
import type { CloudFormationApi } from '../../aws/CloudFormationApi';
import { isTransitionalStackStatus } from '../../tape/model';

interface FollowOptions {
  readonly progress: vscode.Progress<{ message?: string }>;
  readonly log: vscode.LogOutputChannel;
  /** Stops following (not the stack) when it fires. */
  readonly isCancelled: () => boolean;
  readonly pollMs: number;
}

/** Resolves with the settled status, or undefined when following was cancelled. */
export async function followStack(stacks: CloudFormationApi, stackName: string, options: FollowOptions): Promise<string | undefined> {
  const seen = new Set<string>();
  for (;;) {
    if (options.isCancelled()) return undefined;
    const events = await stacks.recentEvents(stackName, 100);
    for (const event of [...events].reverse()) {
      if (seen.has(event.eventId)) continue;
      seen.add(event.eventId);
      options.log.info(`${stackName}: ${event.logicalId} ${event.status}${event.statusReason ? ` (${event.statusReason})` : ''}`);
      options.progress.report({ message: `${event.logicalId} ${event.status}` });
    }
    const { status, statusReason } = await stacks.describeStack(stackName).catch((error: unknown) => {
      // DescribeStacks by name stops answering once a deleted stack is gone.
      if (/does not exist/i.test(String((error as Error).message))) return { status: 'DELETE_COMPLETE', statusReason: undefined };
      throw error;
    });
    if (!isTransitionalStackStatus(status)) {
      if (statusReason) options.log.info(`${stackName}: ${status}: ${statusReason}`);
      return status;
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
  }
}

/** How often to poll a stack: fast on the lab, gentler on AWS. */
export function stackPollMs(targetKind: 'lab' | 'aws'): number {
  return targetKind === 'lab' ? 250 : 3000;
}
