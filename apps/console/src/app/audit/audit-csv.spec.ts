import { type AuditEvent, auditCsv } from './audit-csv';

describe('auditCsv', () => {
  const event = (overrides: Partial<AuditEvent>): AuditEvent => ({
    id: '1',
    at: '2026-11-23T10:00:00.000Z',
    category: 'token',
    action: 'token.issue',
    outcome: 'denied',
    actor: 'bob',
    actorKind: 'user',
    registry: 'registry.test',
    target: 'apps/shop/web',
    clause: null,
    address: '127.0.0.1',
    userAgent: null,
    detail: {},
    count: 1,
    ...overrides,
  });

  it('should write a header and one line per event', () => {
    expect(auditCsv([event({})])).toBe(
      'at,category,action,outcome,actor,actorKind,registry,target,clause,address,count\r\n' +
        '2026-11-23T10:00:00.000Z,token,token.issue,denied,bob,user,registry.test,apps/shop/web,,127.0.0.1,1\r\n',
    );
  });

  it('should quote commas, quotes and line breaks', () => {
    const line = auditCsv([event({ clause: 'push: bob lacks "Pusher", not responsible\nof apps/shop' })]).split(
      '\r\n',
    )[1];
    expect(line).toContain('"push: bob lacks ""Pusher"", not responsible\nof apps/shop"');
  });

  it('should keep a value a spreadsheet would run as a formula as text', () => {
    expect(auditCsv([event({ actor: '=HYPERLINK("x")' })])).toContain(`,"'=HYPERLINK(""x"")",`);
    expect(auditCsv([event({ target: '-1+2' })])).toContain(",'-1+2,");
  });
});
