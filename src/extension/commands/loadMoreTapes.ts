// Loads the next DescribeTapes page under a gateway's Tapes node (the "Load more…" node runs it).
import type { TapeGatewayCommand } from '../ExtensionServices';
import { LoadMoreNode } from '../explorer/TapesNode';

export const loadMoreTapes: TapeGatewayCommand = {
  id: 'tapeGateway.loadMoreTapes',
  run({ explorer }, node?: unknown) {
    if (!(node instanceof LoadMoreNode)) return;
    node.owner.loadMore();
    explorer.refresh(node.owner);
  },
};
