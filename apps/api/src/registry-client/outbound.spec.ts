import { OutboundAddressFilter } from './outbound';
import { sanitisedReason } from './registry-client';

describe('OutboundAddressFilter', () => {
  const defaults = new OutboundAddressFilter(['169.254.0.0/16', 'fe80::/10', 'fd00:ec2::254/128']);

  it.each(['169.254.169.254', '169.254.0.1', '::ffff:169.254.169.254', 'fd00:ec2::254', 'fe80::1'])(
    'should refuse %s by default (link-local and cloud metadata)',
    (address) => {
      expect(defaults.denies(address)).toBe(true);
    },
  );

  it.each(['10.1.2.3', '127.0.0.1', '::1', '2001:db8::1', 'fd00:ec2::253', '169.253.255.255'])(
    'should allow %s by default',
    (address) => {
      expect(defaults.denies(address)).toBe(false);
    },
  );

  it('should refuse what is not an address at all', () => {
    expect(defaults.denies('not-an-address')).toBe(true);
  });

  it('should allow everything when nothing is denied', () => {
    expect(new OutboundAddressFilter([]).denies('169.254.169.254')).toBe(false);
  });
});

describe('sanitisedReason', () => {
  it('should keep printable characters only, and a short text', () => {
    expect(sanitisedReason('line one\nline\u0000two\u001b[31m')).toBe('line one line two [31m');
    expect(sanitisedReason('x'.repeat(500))).toHaveLength(201);
  });
});
