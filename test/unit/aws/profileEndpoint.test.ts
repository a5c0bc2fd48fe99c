// Unit tests of configured endpoints: a profile's endpoint_url, its services section, and the AWS_ENDPOINT_URL variables.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configuredEndpoint, parseConfigSections } from '../../../src/aws/profileEndpoint';

const CONFIG = `
[default]
region = us-east-1

[profile lab]
region = us-east-1
endpoint_url = http://127.0.0.1:4566

[profile split]
services = local ; comment
endpoint_url = http://127.0.0.1:1

[services local]
storage_gateway =
  endpoint_url = http://127.0.0.1:2
ssm =
  endpoint_url = http://127.0.0.1:3

[profile ignored]
endpoint_url = http://127.0.0.1:4
ignore_configured_endpoint_urls = true
`;

test('a profile endpoint_url applies to every service', () => {
  const config = parseConfigSections(CONFIG);
  for (const service of ['Storage Gateway', 'CloudFormation', 'SSM']) assert.equal(configuredEndpoint(config, 'lab', service, {}), 'http://127.0.0.1:4566');
  assert.equal(configuredEndpoint(config, 'default', 'SSM', {}), undefined);
});

test('a services section wins per service; others fall back to the profile endpoint_url', () => {
  const config = parseConfigSections(CONFIG);
  assert.equal(configuredEndpoint(config, 'split', 'Storage Gateway', {}), 'http://127.0.0.1:2');
  assert.equal(configuredEndpoint(config, 'split', 'SSM', {}), 'http://127.0.0.1:3');
  assert.equal(configuredEndpoint(config, 'split', 'CloudFormation', {}), 'http://127.0.0.1:1');
});

test('environment variables win, and ignore_configured_endpoint_urls turns everything off', () => {
  const config = parseConfigSections(CONFIG);
  assert.equal(configuredEndpoint(config, 'lab', 'Storage Gateway', { AWS_ENDPOINT_URL_STORAGE_GATEWAY: 'http://127.0.0.1:9' }), 'http://127.0.0.1:9');
  assert.equal(configuredEndpoint(config, 'lab', 'SSM', { AWS_ENDPOINT_URL: 'http://127.0.0.1:8' }), 'http://127.0.0.1:8');
  assert.equal(configuredEndpoint(config, 'ignored', 'SSM', {}), undefined);
  assert.equal(configuredEndpoint(config, 'lab', 'SSM', { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }), undefined);
});
