import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { Api } from '../core/api';

type Health = 'checking' | 'ok' | 'unreachable';

/** The landing page: whether the server answers, and how to wire a registry to it. */
@Component({
  selector: 'pc-home',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Portcullis</h1>
    <p>Access control, discovery and search for private Docker registries.</p>
    <p role="status">
      Server: <strong [class]="health()">{{ health() }}</strong>
    </p>
    <h2>Wire a registry</h2>
    <p>Point the registry's token authentication at this server:</p>
    <pre>
auth:
  token:
    realm: {{ origin }}/token
    service: &lt;the registry's name, declared in Portcullis&gt;
    issuer: portcullis
    rootcertbundle: /path/to/certs.pem   # download from {{ origin }}/token/certs</pre>
  `,
  styles: `
    .ok {
      color: #047857;
    }
    .unreachable {
      color: #b91c1c;
    }
    pre {
      background: #f3f4f6;
      padding: 1rem;
      overflow-x: auto;
    }
  `,
})
export class Home {
  protected readonly origin = window.location.origin;
  protected readonly health = signal<Health>('checking');

  constructor() {
    inject(Api)
      .client.GET('/api/v1/health')
      .then(({ response }) => this.health.set(response.ok ? 'ok' : 'unreachable'))
      .catch(() => this.health.set('unreachable'));
  }
}
