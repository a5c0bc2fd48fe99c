// contextValue strings of tree nodes; package.json menus match on these, so they live in one place.

/** "IN TRANSIT TO VTS" -> "in_transit_to_vts", "STATE_RUNNING" -> "running". */
const slug = (status: string) => status.toLowerCase().replace(/^state_/, '').replace(/[\s-]+/g, '_');

export const ContextValues = {
  gatewaysFolder: 'gatewaysFolder',
  /** gateway.running, gateway.shutdown, gateway.disabled, … */
  gateway: (state: string) => `gateway.${slug(state)}`,
  disks: 'disks',
  disk: (allocationType: string) => `disk.${slug(allocationType)}`,
  drives: 'drives',
  drive: (loaded: boolean) => (loaded ? 'drive.loaded' : 'drive.empty'),
  library: 'library',
  slotGroup: 'slotGroup',
  slot: 'slot',
  tapes: 'tapes',
  /** tape.available, tape.creating, tape.in_transit_to_vts, tape.retrieved, … */
  tape: (status: string) => `tape.${slug(status)}`,
  archive: 'archive',
  /** archivedTape.archived, archivedTape.retrieving, archivedTape.retrieved */
  archivedTape: (status: string) => `archivedTape.${slug(status)}`,
  stacksFolder: 'stacksFolder',
  /** stack.create_complete, stack.rollback_complete, stack.create_in_progress, … */
  stack: (status: string) => `stack.${slug(status)}`,
  stackSection: 'stackSection',
  stackItem: 'stackItem',
  /** Matches the terminal's menu (viewItem =~ /^clientInstance/). */
  clientInstance: 'clientInstance',
  poolsFolder: 'poolsFolder',
  pool: 'tapePool',
  loadMore: 'loadMore',
  message: 'message',
  error: 'error',
} as const;
