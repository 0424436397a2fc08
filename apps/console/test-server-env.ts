/** Where the console's store tests find the server the global setup started (no imports: specs load it). */
export const CONSOLE_TEST_URL = 'PORTCULLIS_CONSOLE_TEST_URL';
export const CONSOLE_TEST_ADMIN_PASSWORD = 'admin-password-for-console-tests';
