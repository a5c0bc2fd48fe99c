// contextValue strings of tree nodes; package.json menus match on these, so they live in one place.

export const ContextValues = {
  gatewaysFolder: 'gatewaysFolder',
  gateway: (operationalState: string) => `gateway.${operationalState.toLowerCase()}`,
  message: 'message',
  error: 'error',
} as const;
