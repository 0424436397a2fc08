import { startConsoleTestServer } from './test-server';

export default startConsoleTestServer;
