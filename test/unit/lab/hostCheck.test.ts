// Host and Origin rules of every lab listener: which names are this machine, and which requests a web page may make.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hostName, isAllowedHostName, refuseForeignRequest, requestUrl } from '../../../src/lab/http/hostCheck';

test('hostName reads the name part of a Host header in every form clients send', () => {
  assert.equal(hostName('127.0.0.1:4566'), '127.0.0.1');
  assert.equal(hostName('[::1]:4566'), '::1');
  assert.equal(hostName('LocalHost'), 'localhost');
  assert.equal(hostName('bucket.localhost:9000'), 'bucket.localhost');
  assert.equal(hostName('localhost.'), 'localhost');
  assert.equal(hostName('evil.example:80'), 'evil.example');
  for (const junk of ['', 'a b', 'user@host', 'host:port', 'http://x', '[zz]:1', 'x:123456']) assert.equal(hostName(junk), undefined, junk);
});

test('loopback names and addresses, *.localhost and configured names are this machine; nothing else is', () => {
  for (const name of ['localhost', '127.0.0.1', '127.255.0.9', '::1', 'bucket.localhost', 'a.b.localhost']) assert.ok(isAllowedHostName(name, []), name);
  for (const name of ['evil.example', 'localhost.evil.example', '10.0.0.1', '0.0.0.0', '::', '128.0.0.1', 'notlocalhost', '127.0.0.1.nip.io']) assert.ok(!isAllowedHostName(name, []), name);
  assert.ok(isAllowedHostName('lab.example.test', ['lab.example.test']));
  assert.ok(!isAllowedHostName('sub.lab.example.test', ['lab.example.test']), 'an allowed name does not allow its subdomains');
});

test('a web page may call the API from this machine only, and may never open a WebSocket unless its host was allowed', () => {
  const host = '127.0.0.1:4566';
  assert.equal(refuseForeignRequest({ host }, []), undefined);
  assert.equal(refuseForeignRequest({ host, origin: 'http://localhost:3000' }, []), undefined);
  assert.equal(refuseForeignRequest({ host, origin: 'https://evil.example' }, [])?.status, 403);
  assert.equal(refuseForeignRequest({ host, origin: 'null' }, [])?.status, 403);
  assert.equal(refuseForeignRequest({ host: 'evil.example' }, [])?.status, 403);
  assert.equal(refuseForeignRequest({}, [])?.status, 403);
  assert.equal(refuseForeignRequest({ host }, [], true), undefined, 'SDKs and the plugin send no Origin');
  assert.equal(refuseForeignRequest({ host, origin: 'http://localhost:3000' }, [], true)?.status, 403);
  assert.equal(refuseForeignRequest({ host, origin: 'http://lab.example.test' }, ['lab.example.test'], true), undefined);
  assert.match(refuseForeignRequest({ host: 'evil.example' }, [])?.message ?? '', /--allowed-host/);
});

test('requestUrl reads "//" and other odd targets as paths instead of throwing', () => {
  assert.equal(requestUrl('//')?.pathname, '//');
  assert.equal(requestUrl('//evil.example/x')?.pathname, '//evil.example/x');
  assert.equal(requestUrl('/?Action=X')?.searchParams.get('Action'), 'X');
  assert.equal(requestUrl('http://127.0.0.1:1/a')?.pathname, '/a');
  assert.equal(requestUrl('*'), undefined);
  assert.equal(requestUrl('javascript:alert(1)'), undefined);
});
