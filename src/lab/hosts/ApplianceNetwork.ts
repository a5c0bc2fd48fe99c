// The simulated VPC seen from a client host: HTTP to an appliance's private IP or DNS name in the same VPC reaches its activation page.
import type { ApplianceRegistry } from './ApplianceRegistry';
import type { SimulatedHttpResponse, SimulatedNetwork } from './ClientHost';

export class ApplianceNetwork implements SimulatedNetwork {
  constructor(
    private readonly appliances: ApplianceRegistry,
    /** The VPC the requests come from; undefined reaches every appliance (the lab-wide view). */
    private readonly fromVpcId?: string,
  ) {}

  /** Only port 80 answers (activation); anything else, or an unknown host, is "nothing answers" (undefined). */
  async httpGet(url: string): Promise<SimulatedHttpResponse | undefined> {
    let parsed: URL;
    try {
      parsed = new URL(url.includes('://') ? url : `http://${url}`);
    } catch {
      return undefined;
    }
    if (parsed.protocol !== 'http:' || (parsed.port !== '' && parsed.port !== '80')) return undefined;
    const appliance = this.appliances.byAddress(parsed.hostname, this.fromVpcId);
    return appliance ? this.appliances.activationPage(appliance, parsed) : undefined;
  }
}
