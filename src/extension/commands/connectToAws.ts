// Connects the explorer to AWS with a profile and region the user picks (or passes, from tests and other commands).
import * as vscode from 'vscode';
import type { TapeGatewayCommand } from '../ExtensionServices';
import { pickAwsProfile, pickRegion } from './pickAwsProfileAndRegion';
import { showError } from './showError';

export const connectToAws: TapeGatewayCommand = {
  id: 'tapeGateway.connectToAws',
  async run({ connection, log }, profileArg?: unknown, regionArg?: unknown) {
    try {
      let profile: string | undefined;
      let preferredRegion: string | undefined;
      if (typeof profileArg === 'string') {
        profile = profileArg;
      } else {
        const picked = await pickAwsProfile();
        if (picked === 'cancelled') return undefined;
        profile = picked?.name;
        preferredRegion = picked?.region;
      }
      const region = typeof regionArg === 'string' ? regionArg : await pickRegion(preferredRegion ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION);
      if (!region) return undefined;
      const target = await connection.connectAws(profile, region);
      void vscode.window.setStatusBarMessage(`Tape Gateway: connected to ${profile ?? 'default credentials'} in ${region}`, 5000);
      return target;
    } catch (error) {
      return showError(log, error, 'Could not connect to AWS');
    }
  },
};
