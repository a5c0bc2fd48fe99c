// argv builders for open-iscsi iscsiadm (discovery, node login/logout, session listing).

export function iscsiadmDiscoveryArgs(portalHost: string, port = 3260): string[] {
  return ['iscsiadm', '--mode', 'discovery', '--type', 'sendtargets', '--portal', `${portalHost}:${port}`];
}

export function iscsiadmLoginArgs(iqn: string, address: string, port = 3260): string[] {
  return ['iscsiadm', '--mode', 'node', '--targetname', iqn, '--portal', `${address}:${port},1`, '--login'];
}

export function iscsiadmLogoutArgs(iqn: string, address: string, port = 3260): string[] {
  return ['iscsiadm', '--mode', 'node', '--targetname', iqn, '--portal', `${address}:${port},1`, '--logout'];
}
