// Reads the Tape Gateway tree through the extension's TreeDataProvider, as VS Code does (host tests).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TapeGatewayApi } from '../../../src/extension/api';
import type { ExplorerNode } from '../../../src/extension/explorer/ExplorerNode';

export const EXTENSION_ID = 'tape-gateway-lab.tape-gateway-vscode';

export async function extensionApi(): Promise<TapeGatewayApi> {
  const extension = vscode.extensions.getExtension<TapeGatewayApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is installed`);
  return extension.isActive ? extension.exports : extension.activate();
}

export interface ShownNode {
  readonly node: ExplorerNode;
  readonly label: string;
  readonly description: string;
  readonly contextValue: string;
}

export class TreeReader {
  constructor(private readonly provider: vscode.TreeDataProvider<ExplorerNode>) {}

  async children(parent?: ExplorerNode): Promise<ShownNode[]> {
    const nodes = (await this.provider.getChildren(parent)) ?? [];
    return Promise.all(
      nodes.map(async (node) => {
        const item = await this.provider.getTreeItem(node);
        const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
        return { node, label, description: typeof item.description === 'string' ? item.description : '', contextValue: item.contextValue ?? '' };
      }),
    );
  }

  /** Follows labels from the root, e.g. path('Gateways', 'lab-gateway', 'Tapes'). */
  async path(...labels: string[]): Promise<ShownNode> {
    let current: ShownNode | undefined;
    for (const label of labels) {
      const children = await this.children(current?.node);
      current = children.find((c) => c.label === label);
      assert.ok(current, `"${label}" is among ${children.map((c) => c.label).join(', ')}`);
    }
    assert.ok(current);
    return current;
  }

  async childrenAt(...labels: string[]): Promise<ShownNode[]> {
    return this.children((await this.path(...labels)).node);
  }
}

export { eventually } from '../../eventually';
