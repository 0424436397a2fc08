// jsdom for the console's component tests, with Node's own fetch: jsdom has none, and the stores'
// tests talk to a real Portcullis through the generated client (which calls the global fetch).
// Node's fetch keeps no cookies, a browser does: requests here go through the page's cookie jar
// (jsdom's, tough-cookie), which honours Path, HttpOnly, Secure (loopback counts as secure, as in
// browsers) and Max-Age, so the session cookie behaves as in the console.
const JsdomEnvironment = require('jest-preset-angular/environments/jest-jsdom-env').default;

class ConsoleTestEnvironment extends JsdomEnvironment {
  constructor(config, context) {
    super(config, context);
    const jar = this.dom.cookieJar;
    const browserFetch = async (input, init) => {
      const request = new Request(input, init);
      const cookies = await jar.getCookieString(request.url);
      if (cookies !== '') request.headers.set('cookie', cookies);
      const response = await fetch(request);
      for (const cookie of response.headers.getSetCookie()) {
        await jar.setCookie(cookie, request.url, { ignoreError: true });
      }
      return response;
    };
    Object.assign(this.global, { fetch: browserFetch, Request, Response, Headers, FormData });
  }
}

module.exports = ConsoleTestEnvironment;
