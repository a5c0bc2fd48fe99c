// The simulated VPC seen from a client host: HTTP to an appliance's private IP or DNS name reaches its activation page.
import type { ApplianceRegistry } from './ApplianceRegistry';
import type { SimulatedHttpResponse, SimulatedNetwork } from './ClientHost';

export class ApplianceNetwork implements SimulatedNetwork {
  constructor(private readonly appliances: ApplianceRegistry) {}

  /** Only port 80 answers (activation); anything else, or an unknown host, is "nothing answers" (undefined). */
  async httpGet(url: string): Promise<SimulatedHttpResponse | undefined> {
    let parsed: URL;
    try {
      parsed = new URL(url.includes('://') ? url : `http://${url}`);
    } catch {
      return undefined;
    }
    if (parsed.protocol !== 'http:' || (parsed.port !== '' && parsed.port !== '80')) return undefined;
    const appliance = this.appliances.byAddress(parsed.hostname);
    return appliance ? this.appliances.activationPage(appliance, parsed) : undefined;
  }
}
