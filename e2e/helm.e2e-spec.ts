import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { helm } from '@portcullis/testing';

const CHART = join(__dirname, '../deploy/helm/portcullis');
const VALIDATE = join(__dirname, '../deploy/scripts/validate-k8s.mjs');

/** Value sets the chart is rendered with: its defaults, the HA example, and every option on. */
const VALUE_SETS: Record<string, string[]> = {
  defaults: [],
  'high availability (values-ha.yaml)': ['-f', join(CHART, 'values-ha.yaml')],
  'every option': [
    '--set',
    'autoscaling.enabled=true',
    '--set',
    'ingress.enabled=true,ingress.tls.enabled=true,ingress.className=nginx',
    '--set',
    'networkPolicy.enabled=true',
    '--set-json',
    'networkPolicy.egressTo=[{"to":[{"ipBlock":{"cidr":"10.0.0.0/8"}}],"ports":[{"port":5432,"protocol":"TCP"}]}]',
    '--set',
    'serviceMonitor.enabled=true,secretKeys.METRICS_TOKEN=metrics-token',
    '--set',
    'configFile=groups: [{ name: ops }]',
    '--set',
    'podDisruptionBudget.enabled=true',
  ],
};

interface Probe {
  httpGet: { path: string };
}
interface Container {
  securityContext: unknown;
  startupProbe: Probe;
  livenessProbe: Probe;
  readinessProbe: Probe;
  resources: { requests?: unknown; limits: { memory?: string } };
  volumeMounts: unknown[];
  env: unknown[];
}

type K8sObject = { kind: string; metadata: { name: string }; spec?: Record<string, unknown> } & Record<string, unknown>;

async function render(args: string[]): Promise<{ yaml: string; objects: K8sObject[] }> {
  const rendered = await helm(['template', 'portcullis', CHART, ...args]);
  if (rendered.code !== 0) throw new Error(rendered.stderr);
  return {
    yaml: rendered.stdout,
    objects: parseAllDocuments(rendered.stdout)
      .map((d) => d.toJS() as K8sObject | null)
      .filter((o): o is K8sObject => o !== null),
  };
}

/** The schema validation (deploy/scripts/validate-k8s.mjs, an ES module) of rendered objects. */
function validate(yaml: string): Promise<{ objects: unknown[]; problems: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [VALIDATE], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', () => {
      try {
        resolve(JSON.parse(out) as { objects: unknown[]; problems: string[] });
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    child.stdin.end(yaml);
  });
}

const byKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);

/** The Helm chart: lints, renders and validates against the Kubernetes schemas, with the rules it promises. */
describe('The Helm chart (deploy/helm/portcullis)', () => {
  it.each(Object.entries(VALUE_SETS))(
    'should lint with %s',
    async (_, args) => {
      const linted = await helm(['lint', '--strict', CHART, ...args]);
      expect(linted.stderr + linted.stdout).toContain('0 chart(s) failed');
      expect(linted.code).toBe(0);
    },
    120_000,
  );

  it.each(Object.entries(VALUE_SETS))(
    'should render %s into objects the Kubernetes API schemas accept',
    async (_, args) => {
      const { yaml } = await render(args);
      const { problems, objects } = await validate(yaml);
      expect(problems).toEqual([]);
      expect(objects.length).toBeGreaterThanOrEqual(5);
    },
    120_000,
  );

  it('should run non-root replicas with a read-only root, probes, resources, spread and a disruption budget', async () => {
    const { objects } = await render([]);
    const [deployment] = byKind(objects, 'Deployment') as [K8sObject];
    const spec = deployment.spec as {
      replicas: number;
      template: {
        metadata: { labels: Record<string, string> };
        spec: {
          securityContext: Record<string, unknown>;
          terminationGracePeriodSeconds: number;
          topologySpreadConstraints: { topologyKey: string }[];
          containers: Container[];
          volumes: { name: string; emptyDir?: unknown }[];
        };
      };
    };
    expect(spec.replicas).toBe(2);
    const pod = spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.topologySpreadConstraints.map((c) => c.topologyKey)).toEqual([
      'kubernetes.io/hostname',
      'topology.kubernetes.io/zone',
    ]);
    // SHUTDOWN_DELAY + SHUTDOWN_TIMEOUT fit in the grace period.
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(5 + 20);
    const [container] = pod.containers as [Container];
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(container.startupProbe.httpGet.path).toBe('/health/ready');
    expect(container.livenessProbe.httpGet.path).toBe('/health/live');
    expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
    expect(container.resources.requests).toBeDefined();
    expect(container.resources.limits.memory).toBeDefined();
    // The only writable place is an emptyDir on /tmp, where DATA_DIR points.
    expect(container.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '256Mi' } }]);
    expect(container.env).toContainEqual({ name: 'DATA_DIR', value: '/tmp/portcullis' });
    // Secrets come from an existing Secret; the database URL is required, the rest optional.
    expect(container.env).toContainEqual({
      name: 'DATABASE_URL',
      valueFrom: { secretKeyRef: { name: 'portcullis', key: 'database-url' } },
    });
    expect(container.env).toContainEqual({
      name: 'ADMIN_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'portcullis', key: 'admin-password', optional: true } },
    });
    const [pdb] = byKind(objects, 'PodDisruptionBudget') as [K8sObject];
    expect(pdb.spec).toMatchObject({ minAvailable: 1, selector: { matchLabels: spec.template.metadata.labels } });
    const [service] = byKind(objects, 'Service') as [K8sObject];
    expect(service.spec).toMatchObject({ selector: spec.template.metadata.labels });
    expect(byKind(objects, 'HorizontalPodAutoscaler')).toEqual([]);
  }, 60_000);

  it('should hand the replica count to the autoscaler, keep one host for everything, and scrape /metrics', async () => {
    const { objects } = await render(VALUE_SETS['every option']!);
    const [deployment] = byKind(objects, 'Deployment') as [K8sObject];
    expect(deployment.spec).not.toHaveProperty('replicas');
    expect(byKind(objects, 'HorizontalPodAutoscaler')).toHaveLength(1);
    const [ingress] = byKind(objects, 'Ingress') as [K8sObject];
    expect(ingress.spec).toMatchObject({
      tls: [{ hosts: ['portcullis.example.com'] }],
      rules: [{ host: 'portcullis.example.com', http: { paths: [{ path: '/', pathType: 'Prefix' }] } }],
    });
    const [monitor] = byKind(objects, 'ServiceMonitor') as [K8sObject];
    expect(monitor.spec).toMatchObject({
      endpoints: [{ port: 'http', path: '/metrics', authorization: { credentials: { key: 'metrics-token' } } }],
    });
    const [policy] = byKind(objects, 'NetworkPolicy') as [K8sObject];
    expect(policy.spec).toMatchObject({ policyTypes: ['Ingress', 'Egress'] });
    // The configuration file is mounted from a ConfigMap of its own, and named by CONFIG_FILE.
    expect(byKind(objects, 'ConfigMap').map((c) => c.metadata.name)).toEqual(['portcullis', 'portcullis-file']);
    expect(JSON.stringify(deployment)).toContain('"name":"CONFIG_FILE","value":"/etc/portcullis/portcullis.yaml"');
  }, 60_000);

  it("should print the registry's auth.token block in its notes", async () => {
    const installed = await helm([
      'install',
      'portcullis',
      CHART,
      '--dry-run=client',
      '--set',
      'config.PUBLIC_URL=https://auth.example.org',
    ]);
    expect(installed.code).toBe(0);
    expect(installed.stdout).toContain('realm: https://auth.example.org/token');
    expect(installed.stdout).toContain('issuer: portcullis');
    expect(installed.stdout).toContain('rootcertbundle:');
  }, 60_000);
});
