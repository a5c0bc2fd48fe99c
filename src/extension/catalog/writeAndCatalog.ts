// Write Files to Tape with its catalog entry, in the catalog of the connection the gateway belongs to.
import type { ExtensionServices } from '../ExtensionServices';
import type { WorkflowContext } from '../workflows/workflowContext';
import { catalogOf, connectionScope } from './catalogOf';
import { writeCataloged } from './catalogWorkflows';

/** Appends one archive like TapeWorkflows.write and catalogs it; returns its tape file number. */
export async function writeAndCatalog(services: ExtensionServices, context: WorkflowContext, drive: number, paths: readonly string[]): Promise<number> {
  const journal = await catalogOf(services).forGateway(connectionScope(services).kind, context.gatewayArn);
  return (await writeCataloged(context, journal, context.gatewayArn, drive, paths)).archive;
}
