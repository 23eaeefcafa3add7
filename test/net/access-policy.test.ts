import { isAllowedHost, isAllowedOrigin, isSimpleContentType, parseHostHeader } from '../../local/net/access-policy';

const policy = { port: 3002, allowHosts: [] };

describe('isAllowedHost', () => {
  it('accepts the loopback names on the listener port', () => {
    // Assess
    expect(isAllowedHost('127.0.0.1:3002', policy)).toBe(true);
    expect(isAllowedHost('localhost:3002', policy)).toBe(true);
    expect(isAllowedHost('LOCALHOST:3002', policy)).toBe(true);
    expect(isAllowedHost('[::1]:3002', policy)).toBe(true);
  });

  it('refuses a rebinding name, another port, a missing or malformed Host', () => {
    // Assess
    expect(isAllowedHost('evil.example:3002', policy)).toBe(false);
    expect(isAllowedHost('127.0.0.1.evil.example:3002', policy)).toBe(false);
    expect(isAllowedHost('localhost:3000', policy)).toBe(false);
    expect(isAllowedHost('localhost', policy)).toBe(false);
    expect(isAllowedHost(undefined, policy)).toBe(false);
    expect(isAllowedHost('localhost:3002/x', policy)).toBe(false);
    expect(isAllowedHost('user@localhost:3002', policy)).toBe(false);
  });

  it('accepts a loopback name without a port only on port 80', () => {
    // Assess
    expect(isAllowedHost('localhost', { port: 80, allowHosts: [] })).toBe(true);
  });

  it('trusts names the user added, with any port', () => {
    // Prepare
    const added = { port: 3002, allowHosts: ['Dev.Example'] };

    // Assess
    expect(isAllowedHost('dev.example', added)).toBe(true);
    expect(isAllowedHost('dev.example:443', added)).toBe(true);
    expect(isAllowedHost('other.example', added)).toBe(false);
  });
});

describe('isAllowedOrigin', () => {
  it('passes requests without an Origin (SDKs, curl, same-origin GETs)', () => {
    // Assess
    expect(isAllowedOrigin(undefined, policy)).toBe(true);
  });

  it('accepts only the listener own origin', () => {
    // Assess
    expect(isAllowedOrigin('http://127.0.0.1:3002', policy)).toBe(true);
    expect(isAllowedOrigin('http://localhost:3002', policy)).toBe(true);
    expect(isAllowedOrigin('http://localhost:3000', policy)).toBe(false);
    expect(isAllowedOrigin('http://evil.example:3002', policy)).toBe(false);
    expect(isAllowedOrigin('null', policy)).toBe(false);
    expect(isAllowedOrigin('file://', policy)).toBe(false);
  });

  it('accepts origins of names the user added', () => {
    // Assess
    expect(isAllowedOrigin('https://dev.example', { port: 3002, allowHosts: ['dev.example'] })).toBe(true);
  });
});

describe('isSimpleContentType', () => {
  it('flags the three types a browser sends cross-site without a preflight', () => {
    // Assess
    expect(isSimpleContentType('text/plain;charset=UTF-8')).toBe(true);
    expect(isSimpleContentType('application/x-www-form-urlencoded')).toBe(true);
    expect(isSimpleContentType('Multipart/Form-Data; boundary=x')).toBe(true);
    expect(isSimpleContentType('application/json')).toBe(false);
    expect(isSimpleContentType('application/octet-stream')).toBe(false);
    expect(isSimpleContentType(undefined)).toBe(false);
  });
});

describe('parseHostHeader', () => {
  it('splits name and port, and refuses ports past 65535', () => {
    // Assess
    expect(parseHostHeader('[::1]:80')).toEqual({ name: '[::1]', port: 80 });
    expect(parseHostHeader('example.com')).toEqual({ name: 'example.com', port: undefined });
    expect(parseHostHeader('example.com:99999')).toBeUndefined();
  });
});
