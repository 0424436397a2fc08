// Validates rendered Kubernetes objects (multi-document YAML on stdin) against the Kubernetes API
// schemas (kubernetes-models, and the Prometheus operator's for ServiceMonitor), offline. Prints
// {"objects": [{kind, name}], "problems": ["Kind/name: …"]} as JSON; exits 1 when there are problems.
import { parseAllDocuments } from 'yaml';

const input = await new Promise((resolve) => {
  let text = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => (text += chunk));
  process.stdin.on('end', () => resolve(text));
});

/** The kubernetes-models module of an apiVersion: `apps/v1` → kubernetes-models/apps/v1, `v1` → kubernetes-models/v1. */
async function modelsOf(apiVersion) {
  if (apiVersion.startsWith('monitoring.coreos.com/'))
    return import(`@kubernetes-models/prometheus-operator/${apiVersion}`);
  return import(`kubernetes-models/${apiVersion}`);
}

const objects = [];
const problems = [];
for (const document of parseAllDocuments(input)) {
  const object = document.toJS();
  if (object === null || object === undefined) continue;
  const label = `${object.kind}/${object.metadata?.name}`;
  objects.push({ kind: object.kind, name: object.metadata?.name });
  let Model;
  try {
    Model = (await modelsOf(object.apiVersion))[object.kind];
  } catch {
    Model = undefined;
  }
  if (Model === undefined) {
    problems.push(`${label}: no schema for ${object.apiVersion} ${object.kind}`);
    continue;
  }
  try {
    new Model(object).validate();
  } catch (error) {
    problems.push(`${label}: ${error.message}`);
  }
}
process.stdout.write(`${JSON.stringify({ objects, problems })}\n`);
process.exit(problems.length === 0 ? 0 : 1);
