// Reading AWS profiles from shared config text, and turning SDK errors into sentences that say what to do.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { toAwsFailure } from '../../../src/aws/AwsFailure';
import { listProfiles, parseIniSections } from '../../../src/aws/profiles';

describe('profiles', () => {
  it('parses [profile x] in config and [x] in credentials, ignoring sso-session sections', () => {
    const config = parseIniSections('[default]\nregion = us-east-1\n[profile dev]\nsso_session = corp\nregion=eu-west-1 ; comment\n[sso-session corp]\nsso_region = eu-west-1\n', true);
    assert.deepEqual([...config.keys()], ['default', 'dev']);
    assert.equal(config.get('dev')?.get('region'), 'eu-west-1');
  });

  it('lists profiles from AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE with their kinds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'profiles-'));
    writeFileSync(join(dir, 'config'), '[profile sso]\nsso_session = x\nregion = eu-central-1\n[profile proc]\ncredential_process = /bin/true\n[default]\nregion = us-west-2\n');
    writeFileSync(join(dir, 'credentials'), '[keys]\naws_access_key_id = AKIA\naws_secret_access_key = s\n');
    const profiles = await listProfiles({ AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') });
    assert.deepEqual(profiles, [
      { name: 'default', region: 'us-west-2', kind: 'other' },
      { name: 'keys', region: undefined, kind: 'keys' },
      { name: 'proc', region: undefined, kind: 'process' },
      { name: 'sso', region: 'eu-central-1', kind: 'sso' },
    ]);
  });

  it('lists nothing, without failing, when the files do not exist', async () => {
    assert.deepEqual(await listProfiles({ AWS_CONFIG_FILE: '/nonexistent/config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/creds' }), []);
  });
});

describe('toAwsFailure', () => {
  it('tells the user to sign in again when an SSO token expired', () => {
    const failure = toAwsFailure({ name: 'CredentialsProviderError', message: 'The SSO session associated with this profile has expired' }, 'ListGateways', 'dev', 'AWS in eu-west-1');
    assert.match(failure.userMessage, /aws sso login --profile dev/);
  });
  it('points at the lab when nothing listens', () => {
    const failure = toAwsFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }), 'ListGateways', undefined, 'the lab at http://127.0.0.1:9');
    assert.match(failure.userMessage, /Start Local Lab/);
  });
  it('keeps code and request id for the log, and the service message for the user', () => {
    const failure = toAwsFailure({ name: 'InvalidGatewayRequestException', message: 'The specified gateway was not found.', $metadata: { requestId: 'req-1' } }, 'DescribeGatewayInformation', undefined, 'x');
    assert.equal(failure.code, 'InvalidGatewayRequestException');
    assert.equal(failure.requestId, 'req-1');
    assert.match(failure.userMessage, /^Describe Gateway Information failed: The specified gateway was not found\./);
    assert.match(failure.logLine(), /req-1/);
  });
});
