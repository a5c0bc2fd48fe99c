// The lab's service table: every AWS API the lab serves, built from the shared runtime, and how they are wired.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { createAdminRoute } from '../admin/adminRoutes';
import { createLabAdmin, type LabAdmin } from '../admin/LabAdmin';
import { ApplianceNetwork } from '../hosts/ApplianceNetwork';
import { ApplianceRegistry } from '../hosts/ApplianceRegistry';
import type { SimulatedNetwork } from '../hosts/ClientHost';
import type { AdminRoute } from '../http/pipeline';
import type { ServiceDefinition } from '../http/types';
import type { LabRuntime } from '../LabRuntime';
import { TapeDeviceRegistry } from '../library/TapeDeviceRegistry';
import type { LibraryDirectory } from '../library/VirtualLibrary';
import { ClientFileStores } from '../shell/ClientFileStores';
import { writeWholeFile } from '../shell/fileIo';
import { ClientPackageStore } from '../shell/ClientPackageStore';
import { createCloudFormationService } from './cloudFormation/createCloudFormationService';
import { createEc2Service } from './ec2/createEc2Service';
import { InstancePowerStore } from './ec2/InstancePowerStore';
import { createCloudWatchService, type CloudWatchService } from './cloudWatch/createCloudWatchService';
import { InstanceRegistry } from './ec2/InstanceRegistry';
import { CLOUD_INIT_OUTPUT_PATH, runUserData } from './ec2/userDataBootstrap';
import { VpcInventory } from './ec2/VpcInventory';
import type { InstanceHooks } from './ec2/SimulatedInstance';
import { createS3Service } from './s3/createS3Service';
import { readParameterValue } from './ssm/publicParameters';
import { RunCommandService } from './ssm/RunCommandService';
import { withSsmInputConstraints } from './ssm/ssmInputConstraints';
import { ssmRunCommandOperations } from './ssm/ssmRunCommandOperations';
import { createSsmSessions } from './ssmSessions/createSsmSessions';
import type { ResolveTarget } from './ssmSessions/ssmSessionOperations';
import { createStorageGatewayService } from './storageGateway';

export interface LabServices {
  readonly definitions: readonly ServiceDefinition[];
  /** Tape Gateway libraries, as a simulated client host's iSCSI initiator finds them. */
  readonly libraries: LibraryDirectory;
  /** The simulated VPC: HTTP from a client host to a gateway appliance's private IP or DNS name. */
  readonly network: SimulatedNetwork;
  /** The lab admin API (test hook): appliances, tape ejects. */
  readonly admin: LabAdmin;
  /** Loopback-only HTTP routes of the admin API, served before AWS requests. */
  readonly adminRoutes: readonly AdminRoute[];
  /** Flushes and closes whatever the services hold open. */
  close(): Promise<void>;
  /** WebSocket upgrades (the Session Manager data channel); false when no service owns the path. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
}

/** What the services need from outside the runtime. */
export interface ServiceHooks {
  /** The client host behind an instance id (Session Manager targets); defaults to the instances' own hosts. */
  readonly resolveClientHost?: ResolveTarget;
  /** 'always' makes shell sessions start with a HandshakeRequest instead of output. */
  readonly sessionHandshake?: 'auto' | 'always';
  /** What simulated instances become (gateway appliances, client hosts). */
  readonly instanceHooks?: InstanceHooks;
}

export async function createServices(runtime: LabRuntime, hooks: ServiceHooks = {}): Promise<LabServices> {
  const closers: (() => Promise<void> | void)[] = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close();
  };
  try {
    const appliances = await ApplianceRegistry.open(runtime);
    closers.push(() => appliances.close());
    // One device registry per lab, so every client host sees the same drives and media.
    // Drive traffic feeds the gateways' CloudWatch metrics (the service exists once Storage Gateway does).
    const metricsSink: { service?: CloudWatchService } = {};
    const tapeDevices = new TapeDeviceRegistry(runtime.config.stateDir, (transfer) => metricsSink.service?.observeTransfer(transfer));
    closers.push(async () => {
      tapeDevices.close();
      await tapeDevices.store.settled();
    });
    const storageGateway = await createStorageGatewayService(runtime, appliances, { onTapeDeleted: (barcode) => tapeDevices.store.erase(barcode) });
    closers.push(() => storageGateway.close());
    const metrics = await createCloudWatchService(runtime, storageGateway.metricGateways);
    metricsSink.service = metrics;
    closers.push(() => metrics.close());
    const network = new ApplianceNetwork(appliances);
    const clientFiles = new ClientFileStores(runtime.config.stateDir, runtime.log);
    closers.push(() => clientFiles.closeAll());
    const clientPackages = await ClientPackageStore.open(runtime.config.stateDir, runtime.log);
    closers.push(() => clientPackages.close());
    const instanceHooks: InstanceHooks = {
      createClientHost: async (instance, installedPackages, files) => {
        // The shell (just-bash and the emulated commands) loads when the first client host boots, not at lab start.
        const { createClientHost } = await import('../shell/createClientHost');
        const host = createClientHost({
          instanceId: instance.instanceId,
          hostname: instance.privateDnsName,
          privateIp: instance.privateIp,
          os: instance.image.family === 'al2' ? 'al2' : 'al2023',
          arch: instance.image.architecture === 'arm64' ? 'aarch64' : 'x86_64',
          // What yum/dnf installed after an earlier boot is still on the root volume.
          installedPackages: [...installedPackages, ...clientPackages.installed(instance.instanceId)],
          onPackagesInstalled: (names) => clientPackages.add(instance.instanceId, names),
          stateDir: runtime.config.stateDir,
          libraries: storageGateway.libraries.seenFrom(instance.vpcId),
          network: new ApplianceNetwork(appliances, instance.vpcId),
          tapeDevices,
          now: runtime.now,
        });
        // The instance's root volume comes back first, so what UserData writes is kept as well.
        await clientFiles.attach(host);
        const output = await runUserData(host, instance.userData);
        if (output !== undefined) await writeWholeFile(host.environment.fs, CLOUD_INIT_OUTPUT_PATH, '/', Buffer.from(output), 'root');
        for (const file of files) await writeWholeFile(host.environment.fs, file.path, '/', Buffer.from(file.content), 'root');
        return host;
      },
      onGatewayInstance: async (instance) => {
        await appliances.adoptInstance({
          instanceId: instance.instanceId,
          region: instance.region,
          privateIp: instance.privateIp,
          privateDnsName: instance.privateDnsName,
          vpcId: instance.vpcId,
          disks: instance.volumes.filter((v) => !v.root),
        });
      },
      onInstanceTerminated: async (instance) => {
        await clientFiles.forget(instance.instanceId);
        clientPackages.forget(instance.instanceId);
        // A gateway whose instance was stopped and is now gone reads as any terminated gateway's does (DeleteGateway works).
        const appliance = appliances.byInstanceId(instance.instanceId);
        if (appliance?.stoppedAt !== undefined) await storageGateway.instancePowerChanged(appliance, false);
        await appliances.retireInstance(instance.instanceId);
      },
      onInstanceStopped: async (instance) => {
        // A client's files outlive a stop as its EBS root volume does; the host is rebuilt from them at the next start.
        await clientFiles.stop(instance.instanceId);
        await setGatewayInstanceStopped(instance.instanceId, true);
      },
      onInstanceStarted: (instance) => setGatewayInstanceStopped(instance.instanceId, false),
      onVolumeAttached: (instance, disk) => appliances.attachDisk(instance.instanceId, disk),
      onVolumeDetached: (instance, deviceName) => appliances.detachDisk(instance.instanceId, deviceName),
      ...hooks.instanceHooks,
    };
    /** A gateway instance stopping takes its appliance off the network and its gateway offline; starting brings both back. */
    async function setGatewayInstanceStopped(instanceId: string, stopped: boolean): Promise<void> {
      const appliance = appliances.byInstanceId(instanceId);
      if (!appliance) return;
      await appliances.setInstanceStopped(instanceId, stopped);
      await storageGateway.instancePowerChanged(appliance, stopped);
    }
    const power = await InstancePowerStore.open(runtime.config.stateDir, runtime.log);
    closers.push(() => power.close());
    const instances = new InstanceRegistry(runtime, instanceHooks, power);
    const inventory = new VpcInventory();
    const s3 = await createS3Service(runtime);
    closers.push(() => s3.close());
    const cloudFormation = await createCloudFormationService(runtime, instances, readParameterValue, s3.readObject, inventory);
    closers.push(() => cloudFormation.close());
    // A finished script's library moves are saved before its invocation reads as finished.
    const runCommand = await RunCommandService.open(runtime, instances, { settle: () => storageGateway.flush() });
    closers.push(() => runCommand.close());
    const ssmSessions = await createSsmSessions(runtime, {
      resolveTarget: hooks.resolveClientHost ?? ((instanceId) => instances.managedNode(instanceId)?.host),
      handshake: hooks.sessionHandshake,
    });
    closers.push(() => ssmSessions.close());
    const admin = createLabAdmin(appliances, storageGateway.libraries);
    const definitions: ServiceDefinition[] = [
      storageGateway.definition,
      cloudFormation.definition,
      createEc2Service(instances, inventory, runtime.config.region),
      ...metrics.definitions,
      s3.definition,
      // One AmazonSSM service: Run Command and parameters, plus Session Manager's operations.
      { protocol: 'json', signingName: 'ssm', targetPrefixes: ['AmazonSSM'], operations: withSsmInputConstraints({ ...ssmRunCommandOperations({ registry: instances, runCommand }), ...ssmSessions.operations }) },
    ];
    return {
      definitions,
      libraries: storageGateway.libraries,
      network,
      admin,
      adminRoutes: [createAdminRoute(admin, runtime.config.adminToken)],
      close: closeAll,
      handleUpgrade: (request, socket, head) => ssmSessions.handleUpgrade(request, socket, head),
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
