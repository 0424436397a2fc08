import { Injectable } from '@nestjs/common';
import { AppError, ErrorCode } from '../../common/app-error';
import { pageOf } from '../../database/keyset';
import { pageRequestOf } from '../../database/pagination';
import { validateRuleMatch } from './rule-validation';
import { CreateRuleDto, ReorderRulesDto, RuleDto, RuleListQueryDto, RulePageDto, UpdateRuleDto } from './rules.dto';
import { RuleRow, RulesRepository } from './rules.repository';

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

/**
 * Custom rules, editable live. Token decisions read them from the policy snapshot
 * (AccessSnapshot), which every committed change replaces on every replica.
 */
@Injectable()
export class RulesService {
  constructor(private readonly rules: RulesRepository) {}

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
    return toDto(row);
  }

  async update(id: number, input: UpdateRuleDto): Promise<RuleDto> {
    const row = await this.rules.update(id, {
      ...(input.match === undefined ? {} : { match: validateRuleMatch(input.match) }),
      ...(input.actions === undefined ? {} : { actions: [...new Set(input.actions)] }),
      ...(input.comment === undefined ? {} : { comment: input.comment }),
    });
    if (!row) throw notFound(id);
    return toDto(row);
  }

  async delete(id: number): Promise<void> {
    if (!(await this.rules.delete(id))) throw notFound(id);
  }

  async reorder(input: ReorderRulesDto): Promise<RuleDto[]> {
    const existing = (await this.rules.list()).map((r) => r.id).sort((a, b) => a - b);
    const given = [...input.ids].sort((a, b) => a - b);
    if (existing.length !== given.length || existing.some((id, i) => id !== given[i])) {
      throw new AppError(ErrorCode.VALIDATION_FAILED, 'ids: must list every rule id exactly once');
    }
    const rows = await this.rules.reorder(input.ids);
    return rows.map(toDto);
  }
}
