// A simulated EC2 instance (labels only: its private IP and DNS name are never dialled) and the hooks other parts plug in.
import type { ClientHost } from '../../hosts/ClientHost';
import type { AmazonImage } from './amazonImages';

export interface SimulatedVolume {
  readonly volumeId: string;
  /** The block device name the template gave, e.g. "/dev/xvda", "/dev/sdb". */
  readonly deviceName: string;
  readonly sizeGiB: number;
  readonly volumeType: string;
  /** Ebs.Encrypted of the mapping (absent in stacks saved before it was kept). */
  readonly encrypted?: boolean;
  readonly root: boolean;
  /**
   * Position on the NVMe bus of a Nitro instance (root = 0, then attach order): the disk shows up
   * as /dev/nvme<index>n1 inside the guest whatever deviceName says (terraform-provider-aws #5589).
   */
  readonly nvmeIndex: number;
}

export interface BootstrapFile {
  readonly path: string;
  readonly content: string;
}

export interface SimulatedInstance {
  readonly instanceId: string;
  readonly imageId: string;
  readonly image: AmazonImage;
  readonly instanceType: string;
  readonly region: string;
  readonly availabilityZone: string;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly privateIp: string;
  readonly privateDnsName: string;
  readonly securityGroupIds: readonly string[];
  /** Instance profile name when it grants SSM (AmazonSSMManagedInstanceCore); such instances become client hosts. */
  readonly ssmInstanceProfile?: string;
  /** The instance profile name the template gave, whatever it grants (absent in stacks saved before it was kept). */
  readonly instanceProfile?: string;
  /** Decoded user data script ("" if none). */
  readonly userData: string;
  readonly volumes: readonly SimulatedVolume[];
  readonly launchTime: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly stackId?: string;
}

/** What booting the instance's user data left behind: packages and files for the client host. */
export interface BootstrapResult {
  readonly installedPackages: readonly string[];
  readonly files: readonly BootstrapFile[];
}

/**
 * Passed to createServices(runtime, hooks) / startLab({ instanceHooks }). Each hook is called when the
 * instance reaches "running" during CreateStack, and again when the lab restarts with the stack saved
 * (same instance id, IP and volumes), so implementations must be idempotent per instanceId.
 */
export interface InstanceHooks {
  /** An instance from the lab's VTL AMI is running: it becomes a gateway appliance with these volumes. */
  onGatewayInstance?(instance: SimulatedInstance): void | Promise<void>;
  /**
   * An instance with an SSM instance profile finished booting (CLIENT_BOOT_MS after running): build its
   * host with these packages and files (e.g. /var/log/tapegw-bootstrap.status). Until it resolves the
   * instance is not Online in SSM; without this hook SSM-managed instances never come online.
   */
  createClientHost?(instance: SimulatedInstance, installedPackages: readonly string[], files: readonly BootstrapFile[]): ClientHost | Promise<ClientHost>;
  /** The instance was terminated (stack delete or rollback). Activated gateways stay registered. */
  onInstanceTerminated?(instance: SimulatedInstance): void | Promise<void>;
  /** StopInstances (also called again at a lab restart for an instance saved stopped): what it runs stops answering. */
  onInstanceStopped?(instance: SimulatedInstance): void | Promise<void>;
  /** StartInstances: the instance runs again. */
  onInstanceStarted?(instance: SimulatedInstance): void | Promise<void>;
  /** An EBS volume was attached (AWS::EC2::VolumeAttachment); idempotent per instance and device, as restores call it again. */
  onVolumeAttached?(instance: SimulatedInstance, disk: AttachedDisk): void | Promise<void>;
  onVolumeDetached?(instance: SimulatedInstance, deviceName: string): void | Promise<void>;
}

/** A volume as the instance's guest sees it: NVMe position, the EBS device name it was attached as, and its size. */
export interface AttachedDisk {
  readonly nvmeIndex: number;
  readonly deviceName: string;
  readonly sizeGiB: number;
}
