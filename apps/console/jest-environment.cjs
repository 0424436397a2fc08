// jsdom for the console's component tests, with Node's own fetch: jsdom has none, and the stores'
// tests talk to a real Portcullis through the generated client (which calls the global fetch).
const JsdomEnvironment = require('jest-preset-angular/environments/jest-jsdom-env').default;

class ConsoleTestEnvironment extends JsdomEnvironment {
  constructor(config, context) {
    super(config, context);
    Object.assign(this.global, { fetch, Request, Response, Headers, FormData });
  }
}

module.exports = ConsoleTestEnvironment;
