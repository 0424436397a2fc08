import { Body, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { ApiController } from '../../common/api-controller';
import { Authenticated, TokenScope } from '../../common/auth.decorators';
import { ErrorResponseDto } from '../../common/error-response.dto';
import { IntId } from '../../common/validation';
import { CreateRuleDto, ReorderRulesDto, RuleDto, RuleListQueryDto, RulePageDto, UpdateRuleDto } from './rules.dto';
import { RulesService } from './rules.service';

@ApiTags('rules')
@Authenticated({ admin: true })
@TokenScope('global')
@ApiController('rules')
export class RulesController {
  constructor(private readonly rules: RulesService) {}

  /** Lists the custom rules in evaluation order. */
  @Get()
  listRules(@Query() query: RuleListQueryDto): Promise<RulePageDto> {
    return this.rules.list(query);
  }

  /** Adds a rule; it is in force within a second on every replica. */
  @Post()
  createRule(@Body() input: CreateRuleDto): Promise<RuleDto> {
    return this.rules.create(input);
  }

  /** Sets the evaluation order. */
  @Put('order')
  reorderRules(@Body() input: ReorderRulesDto): Promise<RuleDto[]> {
    return this.rules.reorder(input);
  }

  /** Shows a rule. */
  @Get(':id')
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  getRule(@Param('id', IntId) id: number): Promise<RuleDto> {
    return this.rules.get(id);
  }

  /** Changes a rule. */
  @Patch(':id')
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  updateRule(@Param('id', IntId) id: number, @Body() input: UpdateRuleDto): Promise<RuleDto> {
    return this.rules.update(id, input);
  }

  /** Deletes a rule. */
  @Delete(':id')
  @HttpCode(204)
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  deleteRule(@Param('id', IntId) id: number): Promise<void> {
    return this.rules.delete(id);
  }
}
