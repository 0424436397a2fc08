import { stopConsoleTestServer } from './test-server';

export default stopConsoleTestServer;
