export default async function globalTeardown(): Promise<void> {
  await globalThis.portcullisTestPostgres?.stop();
  globalThis.portcullisTestPostgres = undefined;
}
