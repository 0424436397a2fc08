import { Injectable } from '@nestjs/common';
import { type RegistryPolicy, type UserIdentity, loginNameOf, parseImageReference } from '@portcullis/domain';
import { AppError, ErrorCode } from '../common/app-error';
import { PolicyService } from '../policy/policy.service';
import { RegistriesRepository, registryPolicyOf } from '../registries/registries.repository';
import { UsageDto, UsageQueryDto, UsageReportDto, UsageReportResultDto } from './usage.dto';
import { UsageRepository, type UsageRow } from './usage.repository';

/**
 * Which nodes and services run which images. A report belongs to whoever made it first: only they
 * (or an admin) replace it. A reader sees the reports of images in repositories they may pull
 * (a reference names a repository), and their own.
 */
@Injectable()
export class UsageService {
  constructor(
    private readonly usage: UsageRepository,
    private readonly registries: RegistriesRepository,
    private readonly policy: PolicyService,
  ) {}

  async report(caller: UserIdentity, report: UsageReportDto): Promise<UsageReportResultDto> {
    const reporter = loginNameOf(caller);
    const owner = await this.usage.replace(report.kind, report.reporter, reporter, caller.isAdmin, report.images);
    if (owner !== reporter) {
      throw new AppError(
        ErrorCode.FORBIDDEN,
        `${report.kind} ${report.reporter} is reported by another account; only it or an admin may replace its report`,
      );
    }
    return { kind: report.kind, reporter: report.reporter, images: report.images.length };
  }

  async find(caller: UserIdentity, query: UsageQueryDto): Promise<UsageDto[]> {
    const rows = await this.usage.find(
      query.digest !== undefined ? { digest: query.digest } : { imageId: query.imageId! },
    );
    return (await this.visible(caller, rows)).map((r) => ({
      kind: r.kind,
      reporter: r.reporter,
      reference: r.reference,
      digest: r.digest,
      imageId: r.imageId,
      reportedAt: r.reportedAt.toISOString(),
    }));
  }

  /** The rows the caller reported, and those whose reference names a repository it may pull. */
  private async visible(caller: UserIdentity, rows: UsageRow[]): Promise<UsageRow[]> {
    if (caller.isAdmin && caller.token === undefined) return rows;
    const policies = new Map<string, RegistryPolicy>();
    for (const row of await this.registries.listPolicies()) policies.set(row.service, registryPolicyOf(row));
    const own = loginNameOf(caller);
    const byRegistry = new Map<RegistryPolicy, Set<string>>();
    const located = rows.map((row) => {
      const reference = parseImageReference(row.reference);
      const registry = reference?.host ? policies.get(reference.host) : undefined;
      if (reference && registry)
        byRegistry.set(registry, (byRegistry.get(registry) ?? new Set()).add(reference.repository));
      return { row, registry, repository: reference?.repository };
    });
    const pullable = new Map<RegistryPolicy, Set<string>>();
    for (const [registry, names] of byRegistry) {
      pullable.set(registry, await this.policy.pullable(caller, registry, [...names]));
    }
    return located
      .filter(
        ({ row, registry, repository }) =>
          row.reportedBy === own ||
          (registry !== undefined && repository !== undefined && pullable.get(registry)!.has(repository)),
      )
      .map(({ row }) => row);
  }
}
