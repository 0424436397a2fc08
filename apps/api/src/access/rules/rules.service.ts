import { Injectable } from '@nestjs/common';
import type { CustomRule } from '@portcullis/domain';
import { AppError, ErrorCode } from '../../common/app-error';
import { pageRequestOf } from '../../common/pagination';
import { pageOf } from '../../database/keyset';
import { validateRuleMatch } from './rule-validation';
import { CreateRuleDto, ReorderRulesDto, RuleDto, RuleListQueryDto, RulePageDto, UpdateRuleDto } from './rules.dto';
import { RuleRow, RulesRepository, ruleOf } from './rules.repository';

function toDto(row: RuleRow): RuleDto {
  return {
    id: row.id,
    position: row.position,
    match: row.match as RuleDto['match'],
    actions: row.actions,
    comment: row.comment,
    updatedAt: row.updatedAt.toISOString(),
  };
}

const notFound = (id: number) => new AppError(ErrorCode.RULE_NOT_FOUND, `No rule has id ${id}`);

/** How stale the rule set may get on a replica that did not make a change itself. */
export const RULES_MAX_AGE_MS = 1000;

/**
 * Custom rules, editable live. Token decisions read an in-memory copy that is replaced at once
 * when this replica changes a rule, and re-checked against the database at most once a second
 * otherwise, so a change made anywhere is in force within a second.
 */
@Injectable()
export class RulesService {
  private snapshot: { rules: CustomRule[]; version: string; checkedAt: number } | undefined;
  private refreshing: Promise<CustomRule[]> | undefined;

  constructor(private readonly rules: RulesRepository) {}

  /** The rules in force, in order. */
  async current(): Promise<readonly CustomRule[]> {
    if (this.snapshot && Date.now() - this.snapshot.checkedAt < RULES_MAX_AGE_MS) return this.snapshot.rules;
    this.refreshing ??= this.refresh().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async refresh(): Promise<CustomRule[]> {
    const version = await this.rules.version();
    if (this.snapshot?.version === version) {
      this.snapshot.checkedAt = Date.now();
      return this.snapshot.rules;
    }
    const rules = (await this.rules.list()).map(ruleOf);
    this.snapshot = { rules, version, checkedAt: Date.now() };
    return rules;
  }

  invalidate(): void {
    this.snapshot = undefined;
  }

  async list(query: RuleListQueryDto): Promise<RulePageDto> {
    const request = pageRequestOf(query, 'position');
    return pageOf(await this.rules.page(request), request, toDto);
  }

  async get(id: number): Promise<RuleDto> {
    const row = await this.rules.findById(id);
    if (!row) throw notFound(id);
    return toDto(row);
  }

  async create(input: CreateRuleDto): Promise<RuleDto> {
    const row = await this.rules.create(
      { match: validateRuleMatch(input.match), actions: [...new Set(input.actions)], comment: input.comment ?? null },
      input.position,
    );
    this.invalidate();
    return toDto(row);
  }

  async update(id: number, input: UpdateRuleDto): Promise<RuleDto> {
    const row = await this.rules.update(id, {
      ...(input.match === undefined ? {} : { match: validateRuleMatch(input.match) }),
      ...(input.actions === undefined ? {} : { actions: [...new Set(input.actions)] }),
      ...(input.comment === undefined ? {} : { comment: input.comment }),
    });
    if (!row) throw notFound(id);
    this.invalidate();
    return toDto(row);
  }

  async delete(id: number): Promise<void> {
    if (!(await this.rules.delete(id))) throw notFound(id);
    this.invalidate();
  }

  async reorder(input: ReorderRulesDto): Promise<RuleDto[]> {
    const existing = (await this.rules.list()).map((r) => r.id).sort((a, b) => a - b);
    const given = [...input.ids].sort((a, b) => a - b);
    if (existing.length !== given.length || existing.some((id, i) => id !== given[i])) {
      throw new AppError(ErrorCode.VALIDATION_FAILED, 'ids: must list every rule id exactly once');
    }
    const rows = await this.rules.reorder(input.ids);
    this.invalidate();
    return rows.map(toDto);
  }
}
